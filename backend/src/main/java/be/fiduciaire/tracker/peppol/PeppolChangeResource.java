package be.fiduciaire.tracker.peppol;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/peppol/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Peppol registration")
public class PeppolChangeResource {
    @Inject
    PeppolChanges changes;

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "What the registration refreshes changed, newest first: became registered, switched access point, "
            + "dropped off the network (conclusive answers only), lost credit notes, certificate expiring within 30 days (once)")
    public PageResult<PeppolChanges.Change> list(
            @QueryParam("since") @Parameter(description = "A date (from its start in Brussels) or an ISO 8601 instant") String since,
            @QueryParam("kind") @Parameter(description = "REGISTERED, SWITCHED_ACCESS_POINT, DEREGISTERED, LOST_CREDIT_NOTES or "
                    + "CERTIFICATE_EXPIRING; repeated or a comma list") List<String> kind,
            @QueryParam("responsibleUserId") @Parameter(description = "Only the clients this user is responsible for") String responsibleUserId,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return changes.list(since, kind, responsibleUserId, Paging.of(page, size));
    }
}
