package be.fiduciaire.tracker.user;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.common.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/users")
@Tag(name = "Users")
@RolesAllowed(Permissions.ADMIN)
public class UserResource {

    @Inject
    UserService service;
    @Inject
    CurrentUser currentUser;

    @GET
    public List<UserDtos.UserView> list() {
        return service.list();
    }

    @GET
    @Path("/directory")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "Every user's id, name and whether active, for anyone who reads clients: to name and choose a client's responsible user")
    public List<UserDtos.UserRef> directory() {
        return service.directory();
    }

    @GET
    @Path("/{id}")
    public UserDtos.UserView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    public Response create(@Valid @NotNull UserDtos.CreateUser request) {
        UserDtos.UserView created = service.create(request);
        return Response.created(URI.create("/api/users/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    public UserDtos.UserView update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                    @Valid @NotNull UserDtos.UpdateUser request) {
        return service.update(id, request, Versions.fromIfMatch(ifMatch), currentUser.id());
    }
}
