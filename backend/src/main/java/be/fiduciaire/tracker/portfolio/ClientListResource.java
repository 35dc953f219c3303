package be.fiduciaire.tracker.portfolio;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import be.fiduciaire.tracker.common.Problem;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.ImportProblem;
import be.fiduciaire.tracker.portfolio.ClientImportDtos.ImportResult;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditRequest;
import be.fiduciaire.tracker.portfolio.BulkEditDtos.BulkEditResult;
import be.fiduciaire.tracker.portfolio.ClientStatsService.GroupCount;
import be.fiduciaire.tracker.user.CurrentUser;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The client list at scale: filter, sort, page; figures, CSV export and bulk edit. */
@Path("/clients")
@Tag(name = "Client list")
public class ClientListResource {
    public static final String FILTER_DOC = "RSQL filter: selectors are standard fields by JSON name, cf.<key>, peppol.status; "
            + "operators == != =in= =out= =lt= =le= =gt= =ge= =like= =empty=; ';' and, ',' or, parentheses";

    @Inject
    ClientListService list;
    @Inject
    ClientStatsService stats;
    @Inject
    ClientExportService export;
    @Inject
    BulkEditService bulkEdit;
    @Inject
    ClientImportService imports;
    @Inject
    CurrentUser currentUser;

    @GET
    @RolesAllowed(Permissions.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List clients matching a filter, sorted and paged",
            description = "total is exact up to 1000 matching clients; above, totalExact is false and total is the database's estimate, unless count=exact")
    public ClientPage list(@QueryParam("filter") @Parameter(description = FILTER_DOC) String filter,
                           @QueryParam("sort") @Parameter(description = "Comma list of selectors, '-' for descending; empty values last, ties by id") String sort,
                           @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                           @QueryParam("count") @Parameter(description = "exact: count every matching client (slower on large portfolios); "
                                   + "auto (default): exact up to 1000, an estimate above", schema = @Schema(enumeration = {"auto", "exact"})) String count) {
        return list.list(filter, sort, Paging.of(page, size), count(count));
    }

    private static ClientListService.Count count(String count) {
        if (count == null || count.equals("auto")) return ClientListService.Count.AUTO;
        if (count.equals("exact")) return ClientListService.Count.EXACT;
        throw ProblemException.badRequest("count", ErrorCode.TYPE_ENUM, "count must be auto or exact", "allowed", List.of("auto", "exact"));
    }

    @GET
    @Path("/stats")
    @RolesAllowed(Permissions.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the matching clients grouped by one field's value, largest groups first")
    public List<GroupCount> stats(@QueryParam("groupBy") @Parameter(description = "A selector, e.g. peppol.accessPointName or cf.peppol_ready") String groupBy,
                                  @QueryParam("filter") @Parameter(description = FILTER_DOC) String filter) {
        return stats.stats(groupBy, filter, currentUser.language());
    }

    @GET
    @Path("/export")
    @RolesAllowed(Permissions.READ)
    @Produces("text/csv")
    @Operation(summary = "Stream the matching clients as CSV (UTF-8, header row labelled in your language)")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public Response export(@QueryParam("filter") @Parameter(description = FILTER_DOC) String filter,
                           @QueryParam("columns") @Parameter(description = "Comma list of selectors (and lastInfoEmailAt); default: standard fields and the fields shown in the list") String columns,
                           @QueryParam("sort") String sort,
                           @QueryParam("excel") @Parameter(description = "true: semicolon-separated with a UTF-8 byte-order mark, as Excel in Belgium opens it") boolean excel) {
        var body = export.export(filter, columns, sort, currentUser.language(), excel);
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"clients.csv\"").build();
    }

    @POST
    @Path("/bulk-edit")
    @RolesAllowed(Permissions.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set fields on a selection of clients, all or nothing (dryRun only counts)")
    public BulkEditResult bulkEdit(@HeaderParam("Idempotency-Key") @Parameter(description = "A retried request with the same key returns the first result") String idempotencyKey,
                                   @Valid BulkEditRequest request) {
        return bulkEdit.apply(request, idempotencyKey);
    }

    @POST
    @Path("/import")
    @RolesAllowed(Permissions.WRITE)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import clients from a CSV (';' or ',', UTF-8 with or without BOM, or Windows-1252) or XLSX file, "
            + "matching rows by enterpriseNumber, else reference; unmatched rows create clients; a blank cell changes nothing. "
            + "dryRun=true lists what would change; applying is all or nothing: with any error, 422 as problem+json whose other members are "
            + "the same result, and nothing is written (size limits app.import.max-size, 10 MB → 413, "
            + "app.import.max-rows, 20,000 → 422)")
    @APIResponse(responseCode = "200", description = "What the import does (dry run) or did",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "413", description = "File too large",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response importClients(@QueryParam("dryRun") @DefaultValue("false") @Parameter(description = "true: only check and list what would change") boolean dryRun,
                                  @RestForm("file") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary") FileUpload file,
                                  @RestForm("mapping") @Parameter(description = "JSON object {header: field (name, address.city, cf.<key>) or null to ignore}; "
                                          + "headers it does not name are guessed") String mapping) {
        ImportResult result = imports.run(file == null ? null : file.fileName(), file == null ? null : file.uploadedFile(), mapping, dryRun);
        if (!dryRun && !result.errors().isEmpty()) {
            // nothing was written: the dry run's answer, as problem+json
            return Response.status(422).type(Problem.MEDIA_TYPE).entity(new ImportProblem("about:blank", "Validation failed",
                    422, result.errors().size() + " error(s) in the file; nothing was imported", result)).build();
        }
        return Response.ok(result).build();
    }
}
