package be.fiduciaire.tracker.peppol;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.peppol.PeppolRegistrations.Actor;
import be.fiduciaire.tracker.user.CurrentUser;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A client's Peppol registration (under /api/clients/{id}, apart from ClientResource so that its paths match first). */
@Path("/clients/{id}/peppol")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Peppol registration")
public class ClientPeppolResource {

    @Inject
    PeppolRegistrations registrations;

    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "A client's Peppol registration: what is known (status, access point, SMP, document types, confirmedAt) and the latest check beside it")
    public PeppolRegistrationView get(@PathParam("id") UUID id) {
        return registrations.view(id);
    }

    @POST
    @Path("/refresh")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Look the client up on the Peppol network now and return the new state")
    public PeppolRegistrationView refresh(@PathParam("id") UUID id) {
        return registrations.refresh(id, new Actor(currentUser.id(), currentUser.name()));
    }
}
