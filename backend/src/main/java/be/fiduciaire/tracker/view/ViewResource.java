package be.fiduciaire.tracker.view;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.Versions;
import be.fiduciaire.tracker.user.Permissions;
import be.fiduciaire.tracker.view.ViewDtos.View;
import be.fiduciaire.tracker.view.ViewDtos.ViewRequest;
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

@Path("/views")
@Tag(name = "Control views")
public class ViewResource {
    @Inject
    ViewService service;

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Shared views and your own, the standard ones first")
    public List<View> list() {
        return service.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "One view")
    public View get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Save a view (personal unless shared)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = View.class)))
    public Response create(@Valid ViewRequest request) {
        View view = service.create(request);
        return Response.created(URI.create("/api/views/" + view.id())).entity(view).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Change a view's name, filter, columns, sort or sharing")
    public View update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid ViewRequest request) {
        return service.update(id, request, Versions.fromIfMatch(ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Delete a view (standard views cannot be deleted)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
