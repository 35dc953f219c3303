package be.fiduciaire.tracker.email;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.Versions;
import be.fiduciaire.tracker.email.EmailDtos.Placeholders;
import be.fiduciaire.tracker.email.EmailDtos.Preview;
import be.fiduciaire.tracker.email.EmailDtos.PreviewRequest;
import be.fiduciaire.tracker.email.EmailDtos.TemplateInput;
import be.fiduciaire.tracker.email.EmailDtos.TemplateView;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Email templates: everyone reads and previews, admins edit. */
@Path("/email-templates")
@Tag(name = "Email")
public class EmailTemplateResource {
    @Inject
    EmailTemplateService service;

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Every template, by category then name")
    public List<TemplateView> list() {
        return service.list();
    }

    @GET
    @Path("/placeholders")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "The placeholders a template may use")
    public Placeholders placeholders() {
        return service.placeholders();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "One template")
    public TemplateView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @RolesAllowed(Permissions.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a template; an unknown placeholder or a syntax error is 422 naming variants.<language>.subject|body and the line")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = TemplateView.class)))
    public Response create(@Valid @NotNull TemplateInput input) {
        TemplateView created = service.create(input);
        return Response.created(URI.create("/api/email-templates/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.ADMIN)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a template (only the given properties); stale If-Match → 412, stale version → 409")
    public TemplateView patch(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull TemplateInput input) {
        return service.patch(id, input, Versions.fromIfMatch(ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Delete a template (not the standard peppol_info); past sends keep their copy")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        service.delete(id);
    }

    @POST
    @Path("/{id}/preview")
    @RolesAllowed(Permissions.READ)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render for a client, in the client's language or else the firm's (APP_FIRM_LANGUAGE)")
    public Preview preview(@PathParam("id") UUID id, @Valid @NotNull PreviewRequest request) {
        return service.preview(id, request);
    }
}
