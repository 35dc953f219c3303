package be.fiduciaire.peppol.clientlist;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.peppol.client.ClientView;
import be.fiduciaire.peppol.common.PageResult;
import be.fiduciaire.peppol.common.Paging;
import be.fiduciaire.peppol.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The client list at scale: filter, sort, page; figures, CSV export and bulk edit. */
@Path("/api/clients")
@Tag(name = "Client list")
public class ClientListResource {
    public static final String FILTER_DOC = "RSQL filter: selectors are standard fields by JSON name, cf.<key>, peppol.status; "
            + "operators == != =in= =out= =lt= =le= =gt= =ge= =like= =empty=; ';' and, ',' or, parentheses";

    @Inject
    ClientListService list;

    @GET
    @RolesAllowed(Permissions.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List clients matching a filter, sorted and paged")
    public PageResult<ClientView> list(@QueryParam("filter") @Parameter(description = FILTER_DOC) String filter,
                                       @QueryParam("sort") @Parameter(description = "Comma list of selectors, '-' for descending; empty values last, ties by id") String sort,
                                       @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return list.list(filter, sort, Paging.of(page, size));
    }
}
