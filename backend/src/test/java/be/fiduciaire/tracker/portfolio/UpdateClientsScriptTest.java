package be.fiduciaire.tracker.portfolio;

import static be.fiduciaire.tracker.support.Api.tokenWithScopes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The integrators' example (scripts/examples/update-clients.py, README "Integrators") run for real against this
 * instance: thousands of clients updated from a CSV by reference, each group one bulk edit with an Idempotency-Key,
 * and a second run of the same file applying nothing again.
 */
@QuarkusTest
class UpdateClientsScriptTest {
    private static final int CLIENTS = 2_000;
    private static final Path SCRIPT = Path.of("..", "scripts", "examples", "update-clients.py");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    private record Run(int exitCode, String output) {}

    private Run run(Path csv, String token) throws Exception {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), "--url", base.toString(), "--token", token, csv.toString())
                .redirectErrorStream(true).start();
        boolean exited = p.waitFor(5, TimeUnit.MINUTES);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) p.destroyForcibly();
        return new Run(exited ? p.exitValue() : -1, output);
    }

    @Test
    void thousandsOfClientsFromACsvAreUpdatedOnceEvenWhenTheFileIsSentAgain() throws Exception {
        String tag = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.clients(tag, "CSV client ", CLIENTS);
        StringBuilder csv = new StringBuilder("reference;peppol_ready;peppol_comments\n");
        for (int i = 1; i <= CLIENTS; i++) {
            // three groups: even (yes + comment), odd (no + comment), every tenth odd one without a comment (left alone)
            String comment = i % 2 == 0 ? "even batch" : i % 10 == 1 ? "" : "odd batch";
            csv.append(tag).append('-').append(i).append(';').append(i % 2 == 0 ? "oui" : "non").append(';').append(comment).append('\n');
        }
        Path file = Files.createTempFile("clients", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        String token = tokenWithScopes("write");
        try {
            Run first = run(file, token);
            assertEquals(0, first.exitCode(), first.output());
            assertTrue(first.output().contains("\"rows\": " + CLIENTS), first.output());
            assertTrue(first.output().contains("\"groups\": 3"), first.output());
            assertTrue(first.output().contains("\"matched\": " + CLIENTS + ", \"changed\": " + CLIENTS), first.output());
            assertEquals(CLIENTS / 2, fixtures.count("select count(*) from client_with_fields where reference like ? || '-%' and custom_fields -> 'peppol_ready' = 'true'::jsonb", tag));
            assertEquals(CLIENTS / 2, fixtures.count("select count(*) from client_with_fields where reference like ? || '-%' and custom_fields -> 'peppol_ready' = 'false'::jsonb", tag));
            assertEquals(CLIENTS / 2, fixtures.count("select count(*) from client_with_fields where reference like ? || '-%' and custom_fields ->> 'peppol_comments' = 'even batch'", tag));
            assertEquals(CLIENTS / 10, fixtures.count("select count(*) from client_with_fields where reference like ? || '-%' and custom_fields ->> 'peppol_comments' is null", tag));
            long history = fixtures.count("select count(*) from client_history h join client c on c.id = h.client_id where c.reference like ? || '-%'", tag);
            assertTrue(history >= CLIENTS, "each change is in the clients' history");

            // someone changes a client by hand; the same file sent again (a retry) must not undo it
            fixtures.exec("update client_fields set custom_fields = jsonb_set(custom_fields, '{peppol_comments}', '\"changed by hand\"') "
                    + "where client_id = (select id from client where reference = ? || '-2')", tag);
            Run again = run(file, token);
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.output().contains("\"matched\": " + CLIENTS + ", \"changed\": " + CLIENTS), "the first results, repeated: " + again.output());
            assertEquals(1, fixtures.count("select count(*) from client_with_fields where reference = ? || '-2' and custom_fields ->> 'peppol_comments' = 'changed by hand'", tag));
            assertEquals(history, fixtures.count("select count(*) from client_history h join client c on c.id = h.client_id where c.reference like ? || '-%'", tag),
                    "nothing was applied twice");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void anUnknownClientStopsTheScriptBeforeAnythingIsWritten() throws Exception {
        String tag = "csv-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.clients(tag, "CSV client ", 3);
        Path file = Files.createTempFile("clients", ".csv");
        Files.writeString(file, "reference,peppol_ready\n" + tag + "-1,true\n" + tag + "-404,true\n" + tag + "-3,maybe\n", StandardCharsets.UTF_8);
        try {
            Run bad = run(file, tokenWithScopes("write"));
            assertNotEquals(0, bad.exitCode(), bad.output());
            assertTrue(bad.output().contains("row 4, column peppol_ready: 'maybe' is not yes/no"), bad.output());
            Files.writeString(file, "reference,peppol_ready\n" + tag + "-1,true\n" + tag + "-404,true\n", StandardCharsets.UTF_8);
            Run unknown = run(file, tokenWithScopes("write"));
            assertNotEquals(0, unknown.exitCode(), unknown.output());
            assertTrue(unknown.output().contains("1 unknown reference(s), nothing was changed: " + tag + "-404"), unknown.output());
            assertEquals(0, fixtures.count("select count(*) from client_with_fields where reference like ? || '-%' and custom_fields -> 'peppol_ready' is not null", tag));

            Files.writeString(file, "reference,peppol_ready\n" + tag + "-1,true\n", StandardCharsets.UTF_8);
            Run readOnly = run(file, tokenWithScopes("read"));
            assertNotEquals(0, readOnly.exitCode(), readOnly.output());
            assertTrue(readOnly.output().contains("-> 403"), readOnly.output());
            assertEquals(0, fixtures.count("select count(*) from client_with_fields where reference like ? || '-%' and custom_fields -> 'peppol_ready' is not null", tag));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
