package be.fiduciaire.tracker.client;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.common.db.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The demo data generator, run inside a transaction that is rolled back (the test database is shared). */
@QuarkusTest
class DemoSeedTest {

    @Inject
    DemoSeed seed;
    @Inject
    Db db;

    @Test
    void demoClientsAreValidBelgianClientsWithVariedPeppolStates() {
        QuarkusTransaction.begin();
        try {
            assertEquals(DemoSeed.COUNT, seed.seed(new Random(7)));
            List<String[]> rows = db.list("""
                    select enterprise_number, vat_number, custom_fields->>'peppol_registered' as registered, p.status,
                           p.access_point_name, language
                      from client_with_fields c left join peppol_registration p on p.client_id = c.id where reference like 'CL-%'""",
                    r -> new String[] {r.string("enterprise_number"), r.string("vat_number"), r.string("registered"), r.string("status"),
                            r.string("access_point_name"), r.string("language")});
            assertEquals(DemoSeed.COUNT, rows.size());
            for (String[] r : rows) {
                if (r[0] != null) assertTrue(BelgianIdentifiers.isValidEnterpriseNumber(r[0]), r[0]);
                if (r[1] != null) assertEquals("BE" + r[0], r[1]);
                if ("REGISTERED".equals(r[3])) assertEquals(r[4], r[2]);
                else assertNull(r[2]);
            }
            Map<String, Long> byStatus = new java.util.HashMap<>();
            rows.forEach(r -> byStatus.merge(String.valueOf(r[3]), 1L, Long::sum));
            for (String status : List.of("REGISTERED", "NOT_REGISTERED", "HERMES_ONLY", "LOOKUP_FAILED")) {
                assertTrue(byStatus.getOrDefault(status, 0L) > 0, status + " in " + byStatus);
            }
            assertTrue(rows.stream().filter(r -> "nl".equals(r[5])).count() > 40);
            assertTrue(rows.stream().filter(r -> "fr".equals(r[5])).count() > 40);
            assertTrue(db.number("select count(*) as n from peppol_registration p join client c on c.id = p.client_id "
                    + "where c.reference like 'CL-%' and p.status = 'LOOKUP_FAILED' and p.last_check_error is null") == 0);
            // a demo failure is coded as a real one, so the card says it in the user's language
            assertTrue(db.number("select count(*) as n from peppol_registration p join client c on c.id = p.client_id "
                    + "where c.reference like 'CL-%' and p.status = 'LOOKUP_FAILED' and (p.last_check_error_code not in "
                    + "('lookup.smp_timeout', 'lookup.dns_servfail') or p.last_check_error_code is null or p.last_check_error_params is null)") == 0);
            assertTrue(db.number("select count(distinct custom_fields->>'peppol_software_receive') as n from client_with_fields where reference like 'CL-%'") >= 8);
            assertEquals(DemoSeed.COUNT, db.number("select count(*) as n from client_history h join client c on c.id = h.client_id "
                    + "where c.reference like 'CL-%' and h.kind = 'CREATED'"));
        } finally {
            QuarkusTransaction.rollback();
        }
    }
}
