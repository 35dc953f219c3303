package be.fiduciaire.tracker.email;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.email.EmailDtos.MessageView;
import be.fiduciaire.tracker.email.EmailDtos.SendView;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** A client's emails, and the PEPPOL ready field's action (the standard peppol_info email to this one client). */
@Path("/clients/{id}")
@Tag(name = "Email")
public class ClientEmailResource {
    @Inject
    EmailSendService service;

    @GET
    @Path("/emails")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Every email queued for this client, newest first, with its status")
    public PageResult<MessageView> emails(@PathParam("id") UUID id, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.clientEmails(id, Paging.of(page, size));
    }

    @POST
    @Path("/peppol-info-email")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "(Re)send the informative Peppol email (template peppol_info) to this client: a send of one, 202")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = SendView.class)))
    public Response peppolInfo(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        SendView send = service.sendPeppolInfo(id, idempotencyKey);
        return Response.accepted(send).location(URI.create("/api/email-sends/" + send.id())).build();
    }
}
