package be.fiduciaire.tracker.view;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.SortCompiler;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.portfolio.Columns;
import be.fiduciaire.tracker.user.CurrentUser;
import be.fiduciaire.tracker.user.Permissions;
import be.fiduciaire.tracker.view.ViewDtos.View;
import be.fiduciaire.tracker.view.ViewDtos.ViewRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Saved control views. Everyone sees shared views and their own; a personal view is changed by its owner only,
 * a shared one by its owner or an admin; the standard views can be edited by admins and never deleted.
 */
@ApplicationScoped
public class ViewService {
    @Inject
    ControlViewRepository views;
    @Inject
    RsqlCompiler filters;
    @Inject
    SortCompiler sorts;
    @Inject
    Columns columns;
    @Inject
    CurrentUser currentUser;

    @Transactional
    public List<View> list() {
        return views.visibleTo(currentUser.id()).stream().map(View::of).toList();
    }

    @Transactional
    public View get(UUID id) {
        return View.of(views.visibleTo(id, currentUser.id()).orElseThrow(() -> ProblemException.notFound("View")));
    }

    @Transactional
    public View create(ViewRequest request) {
        if (request == null) throw ProblemException.validation("body", ErrorCode.REQUIRED, "A view is required");
        if (request.name() == null) throw ProblemException.validation("name", ErrorCode.REQUIRED, "A name is required");
        ControlView view = new ControlView();
        view.name = request.name().trim();
        view.filter = validFilter(request.filter());
        view.columns = validColumns(request.columns());
        view.sort = validSort(request.sort());
        view.shared = Boolean.TRUE.equals(request.shared());
        view.ownerId = currentUser.id();
        view.updatedAt = OffsetDateTime.now();
        views.persistAndFlush(view);
        return View.of(view);
    }

    @Transactional
    public View update(UUID id, ViewRequest request, Long ifMatch) {
        if (request == null) throw ProblemException.validation("body", ErrorCode.REQUIRED, "Changes are required");
        ControlView view = views.lockVisibleTo(id, currentUser.id()).orElseThrow(() -> ProblemException.notFound("View"));
        checkMayChange(view);
        Long expected = ifMatch != null ? ifMatch : request.version();
        if (expected != null && expected != view.version) {
            if (ifMatch != null) throw ProblemException.preconditionFailed("The view changed since version " + expected, view.version);
            throw ProblemException.staleVersion("The view changed since version " + expected, view.version);
        }
        String filter = request.filter() != null ? validFilter(request.filter()) : view.filter;
        List<String> cols = request.columns() != null ? validColumns(request.columns()) : view.columns;
        String sort = request.sort() != null ? validSort(request.sort()) : view.sort;
        boolean shared = request.shared() != null ? request.shared() : view.shared;
        if (view.standard() && !shared) throw ProblemException.validation("shared", ErrorCode.VIEW_STANDARD, "A standard view stays shared");
        if (request.name() != null) view.name = request.name().trim();
        view.filter = filter;
        view.columns = cols;
        view.sort = sort;
        view.shared = shared;
        view.updatedAt = OffsetDateTime.now();
        views.flush();
        return View.of(view);
    }

    @Transactional
    public void delete(UUID id) {
        ControlView view = views.lockVisibleTo(id, currentUser.id()).orElseThrow(() -> ProblemException.notFound("View"));
        checkMayChange(view);
        if (view.standard()) throw ProblemException.conflict("id", ErrorCode.VIEW_STANDARD, "A standard view cannot be deleted");
        views.delete(view);
    }

    private void checkMayChange(ControlView view) {
        boolean owner = view.ownerId != null && view.ownerId.equals(currentUser.id());
        boolean admin = currentUser.can(Permissions.ADMIN);
        if (view.shared ? !(owner || admin) : !owner) {
            throw ProblemException.forbidden(ErrorCode.VIEW_NOT_OWNER, view.shared ? "Only its owner or an admin may change a shared view" : "Only its owner may change this view");
        }
    }

    private String validFilter(String filter) {
        if (filter == null) return "";
        try {
            filters.compile(filter, "filter");
        } catch (ProblemException e) {
            throw ProblemException.validation(e.errors());
        }
        return filter.trim();
    }

    private String validSort(String sort) {
        if (sort == null) return "";
        try {
            sorts.orderBy(sort);
        } catch (ProblemException e) {
            throw ProblemException.validation(e.errors());
        }
        return sort.trim();
    }

    private List<String> validColumns(List<String> cols) {
        if (cols == null) return List.of();
        List<ProblemException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            if (!columns.exists(cols.get(i))) errors.add(ProblemException.FieldError.of("columns[" + i + "]", ErrorCode.COLUMN_UNKNOWN, "Unknown column '" + cols.get(i) + "'", "column", cols.get(i)));
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return List.copyOf(cols);
    }
}
