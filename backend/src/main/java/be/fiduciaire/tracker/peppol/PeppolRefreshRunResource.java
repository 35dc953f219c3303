package be.fiduciaire.tracker.peppol;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.common.db.Sql;
import be.fiduciaire.tracker.peppol.PeppolRegistrations.Actor;
import be.fiduciaire.tracker.user.CurrentUser;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/peppol/refresh-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Peppol registration")
public class PeppolRefreshRunResource {

    @Inject
    RefreshRuns runs;
    @Inject
    RsqlCompiler filters;

    @Inject
    CurrentUser currentUser;
    @Inject
    RefreshRunFailures failures;

    @Schema(name = "PeppolRefreshRunRequest")
    public record RunRequest(
            @Schema(nullable = true, description = "Clients to look up; every active client when absent") @Valid Selection selection) {}

    @Schema(name = "PeppolRefreshSelection")
    public record Selection(@Schema(nullable = true, description = "Client ids (1 to 100000)")
                            @Size(min = 1, max = 100_000, message = "Give 1 to 100000 client ids, a filter, or no selection for every client") List<UUID> ids,
                            @Schema(nullable = true, description = "RSQL filter of the client list (as in GET /api/clients)") String filter) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Start a refresh run over a selection of clients or all active clients; progress at the returned location")
    @APIResponse(responseCode = "202", description = "Run accepted", content = @Content(schema = @Schema(implementation = RefreshRunView.class)))
    public Response start(@Valid RunRequest request) {
        List<UUID> ids = null;
        Sql filter = null;
        Selection selection = request == null ? null : request.selection();
        if (selection != null) {
            if (selection.filter() != null && selection.ids() != null) {
                throw ProblemException.validation("selection", ErrorCode.SELECTION_INVALID, "Give either selection.ids or selection.filter, not both");
            } else if (selection.filter() != null) {
                filter = filters.compile(selection.filter(), "selection.filter");
            } else if (selection.ids() == null) {
                throw ProblemException.validation("selection.ids", ErrorCode.COUNT, "Give at least one client id, a filter, or no selection for every client", "min", 1);
            } else {
                ids = selection.ids();
            }
        }
        UUID id = runs.startManual(ids, filter, new Actor(currentUser.id(), currentUser.name()));
        return Response.accepted(runs.view(id)).location(URI.create("/api/peppol/refresh-runs/" + id)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "A refresh run's status and progress")
    public RefreshRunView run(@PathParam("id") UUID id) {
        return runs.view(id);
    }

    @GET
    @Path("/{id}/failures")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "The clients this run could not conclude on (failed on every attempt, or look-up failed), by name, with why")
    public List<RefreshRunFailures.Failure> failures(@PathParam("id") UUID id, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) throw ProblemException.badRequest("limit", ErrorCode.RANGE, "limit must be between 1 and 1000", "min", 1, "max", 1000);
        return failures.of(id, limit);
    }

    @POST
    @Path("/{id}/confirm")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Apply the REGISTERED → NOT_REGISTERED changes a HELD run kept back (admin)")
    @APIResponse(responseCode = "200", description = "The run, now DONE", content = @Content(schema = @Schema(implementation = RefreshRunView.class)))
    @APIResponse(responseCode = "409", description = "The run is not HELD")
    public RefreshRunView confirm(@PathParam("id") UUID id) {
        return runs.confirm(id, new Actor(currentUser.id(), currentUser.name()));
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Drop the downgrades a HELD run kept back: those clients keep their known state (admin)")
    @APIResponse(responseCode = "200", description = "The run, now DONE", content = @Content(schema = @Schema(implementation = RefreshRunView.class)))
    @APIResponse(responseCode = "409", description = "The run is not HELD")
    public RefreshRunView discard(@PathParam("id") UUID id) {
        return runs.discard(id, new Actor(currentUser.id(), currentUser.name()));
    }

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "The latest refresh runs, newest first")
    public List<RefreshRunView> latest(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 200) throw ProblemException.badRequest("limit", ErrorCode.RANGE, "limit must be between 1 and 200", "min", 1, "max", 200);
        return runs.latest(limit);
    }
}
