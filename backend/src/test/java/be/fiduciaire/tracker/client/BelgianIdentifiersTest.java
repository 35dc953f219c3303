package be.fiduciaire.tracker.client;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Plain unit test of the identifier rules, with published Belgian enterprise numbers. */
class BelgianIdentifiersTest {

    @Test
    void publishedEnterpriseNumbersPassTheMod97Check() {
        assertTrue(BelgianIdentifiers.isValidEnterpriseNumber("0123456749")); // the usual documentation example
        assertTrue(BelgianIdentifiers.isValidEnterpriseNumber("0202239951")); // Proximus
        assertTrue(BelgianIdentifiers.isValidEnterpriseNumber("0417497106")); // AB InBev
        assertTrue(BelgianIdentifiers.isValidEnterpriseNumber("0409139169")); // Centre IFAPME (Peppol directory)
    }

    @Test
    void wrongCheckDigitsLengthOrFirstDigitAreInvalid() {
        assertFalse(BelgianIdentifiers.isValidEnterpriseNumber("0123456789"));
        assertFalse(BelgianIdentifiers.isValidEnterpriseNumber("0202239952"));
        assertFalse(BelgianIdentifiers.isValidEnterpriseNumber("2123456749"));
        assertFalse(BelgianIdentifiers.isValidEnterpriseNumber("012345674"));
        assertFalse(BelgianIdentifiers.isValidEnterpriseNumber("01234567490"));
        assertFalse(BelgianIdentifiers.isValidEnterpriseNumber(null));
    }

    @Test
    void enterpriseNumberIsNormalisedFromTheUsualNotations() {
        for (String input : new String[] {"0123.456.749", "0123 456 749", "BE0123456749", "be 0123.456.749", "123456749", "123.456.749"}) {
            assertEquals(Optional.of("0123456749"), BelgianIdentifiers.normaliseEnterpriseNumber(input), input);
        }
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseEnterpriseNumber("0123.456.789"));
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseEnterpriseNumber("abc"));
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseEnterpriseNumber("NL0123456749"));
    }

    @Test
    void checkDigitsOfZeroRemainderAre97() {
        // 00000097 mod 97 = 0 → check digits 97
        assertEquals(97, BelgianIdentifiers.checkDigits(97));
        assertTrue(BelgianIdentifiers.isValidEnterpriseNumber("0000009797"));
    }

    @Test
    void vatNumbersAreNormalisedAndChecked() {
        assertEquals(Optional.of("BE0202239951"), BelgianIdentifiers.normaliseVatNumber("be 0202.239.951"));
        assertEquals(Optional.of("BE0202239951"), BelgianIdentifiers.normaliseVatNumber("BE202239951"));
        assertEquals(Optional.of("BE0417497106"), BelgianIdentifiers.normaliseVatNumber("0417497106"));
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseVatNumber("BE0202239952"));
        assertEquals(Optional.of("NL123456789B01"), BelgianIdentifiers.normaliseVatNumber("nl 1234.56789.b01"));
        assertEquals(Optional.of("FRXX123456789"), BelgianIdentifiers.normaliseVatNumber("FR XX 123456789"));
        assertEquals(Optional.of("DE123456789"), BelgianIdentifiers.normaliseVatNumber("DE123456789"));
        assertEquals(Optional.of("EL123456789"), BelgianIdentifiers.normaliseVatNumber("GR123456789"));
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseVatNumber("DE12345678"));
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseVatNumber("US123456789"));
        assertEquals(Optional.empty(), BelgianIdentifiers.normaliseVatNumber("BE"));
    }

    @Test
    void enterpriseNumberInsideABelgianVatNumberAndFormatting() {
        assertEquals(Optional.of("0202239951"), BelgianIdentifiers.enterpriseNumberOfVat("BE0202239951"));
        assertEquals(Optional.empty(), BelgianIdentifiers.enterpriseNumberOfVat("NL123456789B01"));
        assertEquals("0123.456.749", BelgianIdentifiers.formatEnterpriseNumber("0123456749"));
    }
}
