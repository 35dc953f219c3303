package be.fiduciaire.tracker.portfolio;

import java.util.List;
import java.util.UUID;

import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one reading of a selection ({ids} or {filter}) as a condition over {@code c}: bulk edit and email sends (validate it with @Valid). */
@ApplicationScoped
public class ClientSelections {
    @Inject
    RsqlCompiler filters;

    public Sql condition(BulkEditDtos.Selection selection) {
        if (selection == null) throw ProblemException.validation("selection", ErrorCode.REQUIRED, "A selection (ids or filter) is required");
        if ((selection.ids() == null) == (selection.filter() == null)) {
            throw ProblemException.validation("selection", ErrorCode.SELECTION_INVALID, "Give either ids or a filter");
        }
        if (selection.filter() != null) {
            try {
                return filters.compile(selection.filter(), "selection.filter");
            } catch (ProblemException e) {
                throw ProblemException.validation(e.errors());
            }
        }
        // at least one and at most BulkEditService.MAX_IDS ids: checked by the Selection record's annotations
        List<UUID> ids = selection.ids();
        if (ids.contains(null)) throw ProblemException.validation("selection.ids", ErrorCode.REQUIRED, "Ids cannot be null");
        String[] array = ids.stream().map(UUID::toString).toArray(String[]::new);
        return Sql.of("c.id = any(?::uuid[])", (Object) array);
    }
}
