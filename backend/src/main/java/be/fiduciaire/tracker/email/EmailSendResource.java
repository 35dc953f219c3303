package be.fiduciaire.tracker.email;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.email.EmailDtos.CampaignRecipient;
import be.fiduciaire.tracker.email.EmailDtos.CampaignView;
import be.fiduciaire.tracker.email.EmailDtos.MessageView;
import be.fiduciaire.tracker.email.EmailDtos.SendRequest;
import be.fiduciaire.tracker.email.EmailDtos.SendView;
import be.fiduciaire.tracker.user.CurrentUser;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Sends of a template to a selection: queued at once, delivered in the background, progress polled here. */
@Path("/email-sends")
@Tag(name = "Email")
public class EmailSendResource {
    @Inject
    EmailSendService service;
    @Inject
    EmailCampaignService campaigns;
    @Inject
    CurrentUser currentUser;

    @POST
    @RolesAllowed(Permissions.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a template for a selection (ids or an RSQL filter): 202 with the counts; clients without a usable address "
            + "are SKIPPED with the reason. dryRun: 200 with the counts, nothing queued. A repeated Idempotency-Key returns the first send. "
            + "followUp makes it a campaign: the follow-ups are queued by themselves (GET /api/email-sends/{id}/campaign)")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = SendView.class)))
    @APIResponse(responseCode = "200", description = "Dry run", content = @Content(schema = @Schema(implementation = SendView.class)))
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, @Valid @NotNull SendRequest request) {
        SendView send = service.create(request, idempotencyKey);
        if (send.id() == null) return Response.ok(send).build();
        return Response.accepted(send).location(URI.create("/api/email-sends/" + send.id())).build();
    }

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Every send, newest first, with its progress")
    public PageResult<SendView> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(Paging.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "A send's progress: QUEUED, SENDING, DONE or CANCELLED, with counts by message status")
    public SendView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "One row per selected client: status, error (or skip reason), sent time")
    public PageResult<MessageView> messages(@PathParam("id") UUID id,
                                            @QueryParam("status") @Parameter(description = "Only messages in this status") String status,
                                            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.messages(id, status, Paging.of(page, size));
    }

    @GET
    @Path("/{id}/campaign")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "The campaign of a send (its first send and follow-ups): steps, totals and the funnel per Belgian day — "
            + "informed, follow-ups sent, ready, registered")
    public CampaignView campaign(@PathParam("id") UUID id) {
        return campaigns.get(id);
    }

    @GET
    @Path("/{id}/campaign/recipients")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "The campaign's recipients by name, with their state now and the emails of the campaign they received")
    public PageResult<CampaignRecipient> campaignRecipients(@PathParam("id") UUID id,
                                                            @QueryParam("state") @Parameter(description = "REGISTERED, READY or PENDING") String state,
                                                            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return campaigns.recipients(id, state, Paging.of(page, size));
    }

    @GET
    @Path("/{id}/campaign/record")
    @RolesAllowed(Permissions.READ)
    @Produces("text/csv")
    @Operation(summary = "The record of who was informed when: CSV, one line per message of every step (header in your language)")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response campaignRecord(@PathParam("id") UUID id,
                                   @QueryParam("excel") @Parameter(description = "true: semicolon-separated with a UTF-8 byte-order mark") boolean excel) {
        EmailCampaignService.RecordCsv csv = campaigns.record(id, currentUser.language(), excel);
        return Response.ok(csv.body(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"campaign-" + csv.campaignId() + ".csv\"").build();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Cancel: messages not yet sent become CANCELLED (one already in flight finishes)")
    public SendView cancel(@PathParam("id") UUID id) {
        return service.cancel(id);
    }
}
