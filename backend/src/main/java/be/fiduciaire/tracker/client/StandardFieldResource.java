package be.fiduciaire.tracker.client;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The standard fields as {@link StandardField} declares them, so a client (the SPA's filter builder and column
 * chooser) offers exactly the selectors, operators and values the API accepts, with their labels.
 */
@Path("/standard-fields")
@Tag(name = "Clients")
public class StandardFieldResource {

    @Schema(name = "StandardFieldView")
    public record StandardFieldView(
            @Schema(required = true, description = "JSON name: the selector of filters and sorts, a column of views and exports") String name,
            @Schema(required = true, description = "How values compare, which decides the operators: TEXT (==, !=, =in=, =out=, =like=, =empty=), "
                    + "CODE (==, !=, =in=, =out=, =empty=), NUMBER / DATE / TIMESTAMP (also ranges), BOOLEAN (==, !=, =empty=), UUID") FieldKind kind,
            @Schema(required = true, description = "The allowed values of a CODE field; empty otherwise") List<String> values,
            @Schema(required = true, description = "Labels in fr, nl and en") Map<String, String> labels,
            @Schema(required = true, description = "A selector of filters, sorts and stats") boolean filterable,
            @Schema(required = true, description = "May be set by a bulk edit") boolean bulkEditable,
            @Schema(required = true, description = "May be empty") boolean nullable,
            @Schema(required = true, description = "Written by the client endpoints and the spreadsheet import") boolean writable) {

        static StandardFieldView of(StandardField f) {
            return new StandardFieldView(f.json(), f.kind(), f.codes(), f.labels(), f.is(StandardField.Use.FILTER),
                    f.is(StandardField.Use.BULK_EDIT), f.nullable(), f.is(StandardField.Use.WRITE));
        }
    }

    @GET
    @RolesAllowed(Permissions.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The client's standard fields (and the Peppol summary beside them): selectors, kinds, allowed values, labels")
    public List<StandardFieldView> list() {
        return Arrays.stream(StandardField.values()).map(StandardFieldView::of).toList();
    }
}
