package be.fiduciaire.tracker.peppol;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.peppol.PeppolSummaryService.Summary;
import be.fiduciaire.tracker.user.CurrentUser;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

@Path("/peppol/summary")
@Tag(name = "Control views")
public class PeppolSummaryResource {
    @Inject
    PeppolSummaryService service;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Peppol dashboard: counts by status, access point, software, readiness and a daily series")
    public Summary summary(@QueryParam("days") @Parameter(description = "Length of the daily series (1-366, default 30)") Integer days) {
        return service.summary(days, currentUser.language());
    }
}
