package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.peppol.fake.FakeSmp;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Endpoint;
import be.fiduciaire.tracker.peppol.fake.FakeSmp.Fault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** One meaning of a client's Peppol status: every reader shows what is known, the failed check only beside it. */
@QuarkusTest
class PeppolStatusTruthTest {
    @Inject
    DataSource ds;

    @Test
    void afterAFailedCheckEveryReaderStillShowsTheKnownStatus() {
        String number = TestClients.enterpriseNumber();
        UUID client = TestClients.create(ds, number, null);
        String reference = TestClients.string(ds, "select reference from client where id = ?", client);
        PeppolTestPeers.publish("0208:" + number, PeppolTestPeers.smp().baseUrl());
        FakeSmp.Participant participant = PeppolTestPeers.smp().participant("0208:" + number)
                .endpoint(FakeSmp.INVOICE, Endpoint.active("https://ap.acme.example/as4", PeppolLookupTest.ACME));
        String confirmedAt = PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).extract().path("confirmedAt");
        participant.fault(Fault.SERVER_ERROR);
        PeppolLookupTest.refresh(client).body("status", is("REGISTERED")).body("confirmedAt", is(confirmedAt))
                .body("lastCheck.outcome", is("LOOKUP_FAILED")).body("lastCheck.at", notNullValue());

        String filter = "reference==" + reference;
        asAdmin().get("/api/clients/" + client).then().statusCode(200).body("peppol.status", is("REGISTERED"));
        asAdmin().queryParam("filter", filter + ";peppol.status==REGISTERED").get("/api/clients").then().statusCode(200)
                .body("items.id", contains(client.toString()));
        asAdmin().queryParam("filter", filter + ";peppol.status==LOOKUP_FAILED").get("/api/clients").then().statusCode(200)
                .body("items", is(List.of()));
        asAdmin().queryParam("groupBy", "peppol.status").queryParam("filter", filter).get("/api/clients/stats").then().statusCode(200)
                .body("value", contains("REGISTERED"));
        String csv = asAdmin().queryParam("filter", filter).queryParam("columns", "name,peppol.status,cf.peppol_registered")
                .get("/api/clients/export").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(2, lines.length, csv);
        assertTrue(lines[1].contains("Acme Access Point"), csv);
        assertTrue(!lines[1].contains("LOOKUP_FAILED") && !lines[1].toLowerCase().contains("échou"), csv);
        assertEquals("REGISTERED", TestClients.string(ds, "select status from peppol_registration where client_id = ?", client));
        assertEquals("LOOKUP_FAILED", TestClients.string(ds, "select last_check_outcome from peppol_registration where client_id = ?", client));
    }
}
