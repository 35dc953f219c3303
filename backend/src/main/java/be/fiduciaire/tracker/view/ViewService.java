package be.fiduciaire.tracker.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.portfolio.Columns;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.SortCompiler;
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
    private static final String COLUMNS = "id, name, filter, columns::text, sort, shared, standard_key is not null, owner_id, version, created_at, updated_at";
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    RsqlCompiler filters;
    @Inject
    SortCompiler sorts;
    @Inject
    Columns columns;
    @Inject
    CurrentUser currentUser;

    public List<View> list() {
        return query("select " + COLUMNS + " from control_view where shared or owner_id = ? order by standard_key is null, lower(name), id",
                currentUser.id());
    }

    public View get(UUID id) {
        List<View> found = query("select " + COLUMNS + " from control_view where id = ? and (shared or owner_id = ?)", id, currentUser.id());
        if (found.isEmpty()) throw ProblemException.notFound("View");
        return found.get(0);
    }

    @Transactional
    public View create(ViewRequest request) {
        if (request == null) throw ProblemException.validation("body", "A view is required");
        String name = validName(request.name());
        String filter = validFilter(request.filter());
        List<String> cols = validColumns(request.columns());
        String sort = validSort(request.sort());
        boolean shared = request.shared() != null && request.shared();
        UUID id = UUID.randomUUID();
        update("insert into control_view (id, name, filter, columns, sort, shared, owner_id) values (?, ?, ?, ?::jsonb, ?, ?, ?)",
                id, name, filter, write(cols), sort, shared, currentUser.id());
        return get(id);
    }

    @Transactional
    public View update(UUID id, ViewRequest request, Long ifMatch) {
        if (request == null) throw ProblemException.validation("body", "Changes are required");
        View current = get(id);
        checkMayChange(current);
        Long expected = ifMatch != null ? ifMatch : request.version();
        if (expected != null && expected != current.version()) {
            if (ifMatch != null) throw ProblemException.preconditionFailed("The view changed since version " + expected);
            throw ProblemException.conflict("version", "The view changed since version " + expected);
        }
        String name = request.name() != null ? validName(request.name()) : current.name();
        String filter = request.filter() != null ? validFilter(request.filter()) : current.filter();
        List<String> cols = request.columns() != null ? validColumns(request.columns()) : current.columns();
        String sort = request.sort() != null ? validSort(request.sort()) : current.sort();
        boolean shared = request.shared() != null ? request.shared() : current.shared();
        if (current.standard() && !shared) throw ProblemException.validation("shared", "A standard view stays shared");
        int n = update("update control_view set name = ?, filter = ?, columns = ?::jsonb, sort = ?, shared = ?, version = version + 1, "
                + "updated_at = now() where id = ? and version = ?", name, filter, write(cols), sort, shared, id, current.version());
        if (n == 0) throw ProblemException.conflict("version", "The view changed meanwhile");
        return get(id);
    }

    @Transactional
    public void delete(UUID id) {
        View current = get(id);
        checkMayChange(current);
        if (current.standard()) throw ProblemException.conflict("id", "A standard view cannot be deleted");
        update("delete from control_view where id = ?", id);
    }

    private void checkMayChange(View view) {
        boolean owner = view.ownerId() != null && view.ownerId().equals(currentUser.id());
        boolean admin = currentUser.can(Permissions.ADMIN);
        if (view.shared() ? !(owner || admin) : !owner) {
            throw ProblemException.forbidden(view.shared() ? "Only its owner or an admin may change a shared view" : "Only its owner may change this view");
        }
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) throw ProblemException.validation("name", "A name is required");
        if (name.length() > 200) throw ProblemException.validation("name", "At most 200 characters");
        return name.trim();
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
            if (!columns.exists(cols.get(i))) errors.add(new ProblemException.FieldError("columns[" + i + "]", "Unknown column '" + cols.get(i) + "'"));
        }
        if (!errors.isEmpty()) throw ProblemException.validation(errors);
        return List.copyOf(cols);
    }

    private String write(List<String> cols) {
        try {
            return json.writeValueAsString(cols);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<View> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            List<View> views = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    views.add(new View(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), json.readValue(rs.getString(4), LIST),
                            rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getObject(8, UUID.class), rs.getLong(9),
                            rs.getObject(10, OffsetDateTime.class), rs.getObject(11, OffsetDateTime.class)));
                }
            }
            return views;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("View query failed", e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) st.setObject(i + 1, args[i]);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("View update failed", e);
        }
    }
}
