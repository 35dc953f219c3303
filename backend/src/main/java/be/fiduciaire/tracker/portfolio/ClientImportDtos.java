package be.fiduciaire.tracker.portfolio;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer of POST /api/clients/import (api.md "Import"). */
public final class ClientImportDtos {
    private ClientImportDtos() {}

    @Schema(name = "ImportColumn", description = "A column of the file and the field it is imported into (null: ignored)")
    public record ImportColumn(@Schema(required = true, description = "0-based position") int index,
                               @Schema(required = true) String header,
                               @Schema(required = true, nullable = true, description = "name, address.city, ... or cf.<key>; guessed from the header unless the request's mapping names it")
                               String field) {}

    @Schema(name = "ImportFieldChange", description = "One field a row changes (or sets, on a client it creates)")
    public record FieldChange(@Schema(required = true) String field,
                              @Schema(required = true, nullable = true) Object oldValue,
                              @Schema(required = true, nullable = true) Object newValue) {}

    @Schema(name = "ImportRow", description = "What one row of the file does")
    public record ImportRow(@Schema(required = true, description = "Row number in the spreadsheet (the header is row 1)") int row,
                            @Schema(required = true, enumeration = {"CREATE", "CHANGE"}) String action,
                            @Schema(required = true, nullable = true, description = "The matched client (null when created)") UUID clientId,
                            @Schema(required = true, nullable = true) String name,
                            @Schema(required = true) List<FieldChange> changes) {}

    @Schema(name = "ImportError", description = "What is wrong with one cell (or row, or column): a FieldError that also names the row and column")
    public record ImportError(@Schema(required = true, description = "Row number in the spreadsheet (1: the header)") int row,
                              @Schema(required = true, nullable = true, description = "The column's header") String column,
                              @Schema(required = true, nullable = true, description = "The field at fault (name, cf.<key>, ...)") String field,
                              @Schema(required = true, description = "Stable machine-readable code, as in FieldError") String code,
                              @Schema(required = true) String message,
                              @Schema(required = true) Map<String, Object> params) {}

    @Schema(name = "ImportResult", description = "rows: data rows read; created / changed / unchanged: what applying does (did); "
            + "items: the rows that create or change a client; errors: every bad cell (with any, nothing is written)")
    public record ImportResult(@Schema(required = true, nullable = true, description = "The applied import (null for a dry run)") UUID importId,
                               @Schema(required = true) boolean dryRun,
                               @Schema(required = true) int rows,
                               @Schema(required = true) int created,
                               @Schema(required = true) int changed,
                               @Schema(required = true) int unchanged,
                               @Schema(required = true) List<ImportColumn> columns,
                               @Schema(required = true) List<ImportRow> items,
                               @Schema(required = true) List<ImportError> errors) {}

    /** The 422 of an apply with errors: problem+json whose extension members are the dry run's result. */
    public record ImportProblem(String type, String title, int status, String detail, @JsonUnwrapped ImportResult result) {}
}
