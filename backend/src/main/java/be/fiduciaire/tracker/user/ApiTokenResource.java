package be.fiduciaire.tracker.user;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/api-tokens")
@Tag(name = "API tokens")
@RolesAllowed(Permissions.ADMIN)
public class ApiTokenResource {

    @Inject
    ApiTokenService service;
    @Inject
    CurrentUser currentUser;

    @POST
    public Response create(@Valid @NotNull UserDtos.CreateToken request) {
        UserDtos.CreatedToken created = service.create(request, currentUser.id());
        return Response.created(URI.create("/api/api-tokens/" + created.id())).entity(created).build();
    }

    @GET
    public List<UserDtos.TokenView> list() {
        return service.list();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") UUID id) {
        service.revoke(id);
        return Response.noContent().build();
    }
}
