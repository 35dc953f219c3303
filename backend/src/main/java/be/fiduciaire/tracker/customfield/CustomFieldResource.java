package be.fiduciaire.tracker.customfield;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.Versions;
import be.fiduciaire.tracker.customfield.CustomFieldDtos.*;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("/custom-fields")
@Tag(name = "Custom fields")
public class CustomFieldResource {

    @Inject
    CustomFieldService service;

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "One field with its options")
    public FieldView get(@PathParam("id") UUID id) {
        return service.field(id);
    }

    @POST
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Create a field in a category (admin); 409 when the key exists")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = FieldView.class)))
    public Response create(@Valid CreateField request) {
        if (request == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON body is required");
        FieldView created = service.createField(request);
        return Response.created(URI.create("/api/custom-fields/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Change labels, category, position, required, or type while no client has a value (admin)")
    public FieldView update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid UpdateField request) {
        if (request == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON body is required");
        return service.updateField(id, request, Versions.fromIfMatch(ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Delete a field and its options (admin); 409 while any client has a value for it or another field shares its options")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        service.deleteField(id);
    }

    @POST
    @Path("/{id}/options")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Add an option to a select field's list (admin); on a field sharing a list, adds to the shared list")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OptionView.class)))
    public Response createOption(@PathParam("id") UUID id, @Valid CreateOption request) {
        if (request == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON body is required");
        OptionView created = service.createOption(id, request);
        return Response.created(URI.create("/api/custom-fields/" + id + "/options/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}/options/{optionId}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Rename (labels), reorder (position) or deactivate (active=false) an option (admin)")
    public OptionView updateOption(@PathParam("id") UUID id, @PathParam("optionId") UUID optionId,
                                   @HeaderParam("If-Match") String ifMatch, @Valid UpdateOption request) {
        if (request == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON body is required");
        return service.updateOption(id, optionId, request, Versions.fromIfMatch(ifMatch));
    }

    @DELETE
    @Path("/{id}/options/{optionId}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Delete an option (admin); 409 while clients use it, unless replaceWith names an active option of the same list: "
            + "their values then move to it (with history) before the delete")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void deleteOption(@PathParam("id") UUID id, @PathParam("optionId") UUID optionId,
                             @Parameter(description = "Key of the active option that takes over the clients' values")
                             @QueryParam("replaceWith") String replaceWith) {
        service.deleteOption(id, optionId, replaceWith);
    }
}
