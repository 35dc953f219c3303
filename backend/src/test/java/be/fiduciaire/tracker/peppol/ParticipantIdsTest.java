package be.fiduciaire.tracker.peppol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.client.BelgianIdentifiers;
import be.fiduciaire.tracker.peppol.lookup.ParticipantIds;

class ParticipantIdsTest {

    @Test
    void smlDnsNameMatchesThePublishedTestVector() {
        assertEquals("eh5boavaktmbgzyh2a63dz4qov33fvp5nsdvqklucfraayoodw6a.iso6523-actorid-upis.participant.sml.prod.tech.peppol.org",
                ParticipantIds.smlDnsName("9915:test", "participant.sml.prod.tech.peppol.org"));
    }

    @Test
    void smlDnsNameOfABelgianParticipantMatchesTheNotesAndIgnoresCase() {
        String expected = "hqlnrkedej3xevnxcnqilr5gx4hmdn4lws23cztjymy4mhl3plla.iso6523-actorid-upis.zone.example";
        assertEquals(expected, ParticipantIds.smlDnsName("0208:0123456749", "zone.example"));
        assertEquals(ParticipantIds.smlDnsName("9925:be0123456749", "zone.example"), ParticipantIds.smlDnsName("9925:BE0123456749", "zone.example."));
    }

    @Test
    void enterpriseNumbersAreNormalisedAndCheckedWithMod97() {
        // the look-ups use the registry's own rule
        java.util.function.Function<String, String> normalise = n -> BelgianIdentifiers.normaliseEnterpriseNumber(n).orElse(null);
        assertEquals("0123456749", normalise.apply("0123.456.749"));
        assertEquals("0123456749", normalise.apply("BE 0123 456 749"));
        assertEquals("0123456749", normalise.apply("123456749"));
        assertNull(normalise.apply("0123456748"));
        assertNull(normalise.apply("2123456749"));
        assertNull(normalise.apply("abc"));
    }

    @Test
    void candidatesAreEnterpriseNumberFirstThenVat() {
        assertEquals(List.of("0208:0123456749", "9925:BE0123456749"), ParticipantIds.candidates("0123456749", null));
        assertEquals(List.of("0208:0123456749", "9925:BE0123456749"), ParticipantIds.candidates(null, "BE0123.456.749"));
        assertEquals(List.of(), ParticipantIds.candidates(null, "NL123456789B01"));
        assertEquals(List.of(), ParticipantIds.candidates("0123456700", null));
    }
}
