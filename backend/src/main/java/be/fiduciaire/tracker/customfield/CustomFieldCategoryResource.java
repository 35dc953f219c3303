package be.fiduciaire.tracker.customfield;

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
import jakarta.ws.rs.core.Response;

@Path("/custom-field-categories")
@Tag(name = "Custom fields")
public class CustomFieldCategoryResource {

    @Inject
    CustomFieldService service;

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Categories in order, each with its fields and their options in order")
    public List<CategoryView> list() {
        return service.categories();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "One category with its fields and options")
    public CategoryView get(@PathParam("id") UUID id) {
        return service.category(id);
    }

    @POST
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Create a category (admin); 409 when the key exists")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = CategoryView.class)))
    public Response create(@Valid CreateCategory request) {
        if (request == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON body is required");
        CategoryView created = service.createCategory(request);
        return Response.created(URI.create("/api/custom-field-categories/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Change labels, position or the show-in-client-list flag (admin); the key cannot change")
    public CategoryView update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid UpdateCategory request) {
        if (request == null) throw ProblemException.badRequest("body", ErrorCode.REQUIRED, "A JSON body is required");
        return service.updateCategory(id, request, Versions.fromIfMatch(ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.ADMIN)
    @Operation(summary = "Delete a category and its fields (admin); 409 while any client has a value for one of its fields")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        service.deleteCategory(id);
    }
}
