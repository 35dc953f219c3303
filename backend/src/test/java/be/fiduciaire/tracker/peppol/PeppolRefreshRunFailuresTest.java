package be.fiduciaire.tracker.peppol;

import static be.fiduciaire.tracker.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import be.fiduciaire.tracker.peppol.fake.FakeSmp.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** The run page lists the clients a run could not conclude on, with why; the others are not listed. */
@QuarkusTest
class PeppolRefreshRunFailuresTest {
    @Inject
    DataSource ds;

    @Test
    void aRunListsTheClientsWhoseLookUpFailedWithTheError() {
        UUID registered = TestClients.create(ds, PeppolRefreshRunTest.registered(), null);
        String failing = TestClients.enterpriseNumber();
        PeppolTestPeers.publish("0208:" + failing, PeppolTestPeers.smp().baseUrl());
        PeppolTestPeers.smp().participant("0208:" + failing).fault(Fault.SERVER_ERROR);
        UUID failed = TestClients.create(ds, failing, null);
        String name = TestClients.string(ds, "select name from client where id = ?", failed);

        String id = asAdmin().body(Map.of("selection", Map.of("ids", List.of(registered, failed))))
                .post("/api/peppol/refresh-runs").then().statusCode(202).extract().path("id");
        JsonPath run = PeppolRefreshRunTest.awaitDone(id);
        org.junit.jupiter.api.Assertions.assertEquals(1, run.getInt("failed"));

        asAdmin().get("/api/peppol/refresh-runs/" + id + "/failures").then().statusCode(200)
                .body("$", hasSize(1))
                .body("clientId", contains(failed.toString()))
                .body("[0].name", is(name))
                .body("[0].enterpriseNumber", is(failing))
                .body("[0].error", containsString("500"))
                .body("[0].errorCode", is("lookup.smp_server_error"))
                .body("[0].errorParams.status", is(500))
                .body("[0].errorParams.request", is("ServiceGroup"))
                .body("[0].at", notNullValue());
        asAdmin().get("/api/peppol/refresh-runs/" + UUID.randomUUID() + "/failures").then().statusCode(404);
        asAdmin().queryParam("limit", 0).get("/api/peppol/refresh-runs/" + id + "/failures").then().statusCode(400)
                .body("errors[0].field", is("limit"));
    }
}
