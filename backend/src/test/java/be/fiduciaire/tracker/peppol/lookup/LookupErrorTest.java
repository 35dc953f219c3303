package be.fiduciaire.tracker.peppol.lookup;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.peppol.PeppolStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The registry of look-up error codes: stable lower-case dotted codes, each building its English text from exactly
 * its params; served as the PeppolLookupErrorCode enum; kept through the JSON of a held result.
 */
@QuarkusTest
class LookupErrorTest {
    @Inject
    ObjectMapper json;

    @Test
    void codesAreUniqueLowerCaseAndDotted() {
        Set<String> seen = new HashSet<>();
        for (LookupError code : LookupError.values()) {
            assertTrue(seen.add(code.code()), "twice: " + code.code());
            assertTrue(code.code().matches("(lookup|run)\\.[a-z][a-z0-9_]*"), "not a code: " + code.code());
            assertEquals(code, LookupError.ofCode(code.code()));
            assertEquals(code.params().size(), new HashSet<>(code.params()).size(), code + " names a param twice");
        }
    }

    @Test
    void theEnglishTextIsBuiltFromTheParamsAndOnlyFromThem() {
        LookupFailure timeout = LookupError.SMP_TIMEOUT.of("request", "ServiceGroup", "host", "smp.example.be", "seconds", 10);
        assertEquals("ServiceGroup from smp.example.be failed: the SMP did not answer within 10 s", timeout.message());
        assertTrue(timeout.transientFailure());
        assertFalse(LookupError.CERTIFICATE_EXPIRED.of("notAfter", "2026-01-01T00:00:00Z").transientFailure());
        // a missing, an unknown or a non-scalar param is refused where the failure is made, so text and code never disagree
        assertThrows(IllegalArgumentException.class, () -> LookupError.SMP_TIMEOUT.of("request", "ServiceGroup", "host", "smp.example.be"));
        assertThrows(IllegalArgumentException.class, () -> LookupError.CERTIFICATE_MISSING.of("detail", "x"));
        assertThrows(IllegalArgumentException.class, () -> LookupError.DNS_SERVFAIL.of("name", List.of("a")));
        // a dollar or backslash in a param is text, not a regex replacement
        assertEquals("unusable NAPTR regexp '!^.*$!\\1!' for x.test", LookupError.NAPTR_UNUSABLE.of("regexp", "!^.*$!\\1!", "name", "x.test").message());
        assertEquals(10L, LookupFailure.seconds(Duration.ofSeconds(10)));
        assertEquals(0.5, LookupFailure.seconds(Duration.ofMillis(500)));
    }

    @Test
    void aHeldResultKeepsItsCodeThroughJsonAndOneWrittenBeforeCodesStillReads() throws Exception {
        LookupFailure expired = LookupError.CERTIFICATE_EXPIRED.of("notAfter", "2026-01-01T00:00:00Z");
        LookupResult result = new LookupResult(PeppolStatus.NOT_REGISTERED, "0208:0123456749", new AccessPoint("Acme", "PBE000123", "BE"),
                "smp.example.be", "https://ap.example/as4", List.of(), false, expired, 2, Duration.ofMillis(30));
        String text = json.writeValueAsString(result);
        assertTrue(text.contains("\"failure\":{\"code\":\"lookup.certificate_expired\",\"params\":{\"notAfter\":\"2026-01-01T00:00:00Z\"}}"), text);
        LookupResult back = json.readValue(text, LookupResult.class);
        assertEquals(expired, back.failure());
        assertEquals("the endpoint certificate expired on 2026-01-01T00:00:00Z", back.error());

        String legacy = text.replace("\"failure\":{\"code\":\"lookup.certificate_expired\",\"params\":{\"notAfter\":\"2026-01-01T00:00:00Z\"}}",
                "\"error\":\"the endpoint certificate expired on 2026-01-01\",\"transientFailure\":false");
        LookupResult old = json.readValue(legacy, LookupResult.class);
        assertEquals(PeppolStatus.NOT_REGISTERED, old.status());
        assertNull(old.failure());
    }

    @Test
    void theServedDocumentListsEveryCode() {
        List<String> codes = asAdmin().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().path("components.schemas." + LookupError.SCHEMA + ".enum");
        assertEquals(Arrays.stream(LookupError.values()).map(LookupError::code).toList(), codes);
        Map<String, Object> lastCheck = asAdmin().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().path("components.schemas.PeppolLastCheck.properties");
        assertTrue(lastCheck.keySet().containsAll(List.of("outcome", "at", "error", "errorCode", "errorParams")), lastCheck.keySet().toString());
    }
}
