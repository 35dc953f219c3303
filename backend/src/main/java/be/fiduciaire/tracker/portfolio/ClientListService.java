package be.fiduciaire.tracker.portfolio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.sql.DataSource;

import org.eclipse.microprofile.context.ManagedExecutor;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.client.ClientView;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.SortCompiler;
import be.fiduciaire.tracker.clientquery.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The client list: one filtered count and one filtered, ordered page, both parameterised. The two queries are
 * independent, so the count runs on a second connection while the page is read: the answer takes about as long
 * as the slower of the two rather than their sum.
 */
@ApplicationScoped
public class ClientListService {
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    RsqlCompiler filters;
    @Inject
    SortCompiler sorts;
    @Inject
    ManagedExecutor executor;

    public PageResult<ClientView> list(String filter, String sort, Paging paging) {
        Sql where = filters.compile(filter, "filter");
        String orderBy = sorts.orderBy(sort);
        CompletableFuture<Long> total = executor.supplyAsync(() -> count(where));
        List<ClientView> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select " + ClientRows.COLUMNS + ClientRows.FROM + " where "
                     + where.text() + orderBy + " limit ? offset ?")) {
            int i = where.bind(st, 1);
            st.setInt(i++, paging.size());
            st.setLong(i, paging.offset());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) items.add(ClientRows.map(rs, json));
            }
        } catch (SQLException e) {
            total.cancel(false);
            throw new IllegalStateException("Client list query failed", e);
        }
        try {
            return new PageResult<>(items, paging.page(), paging.size(), total.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private long count(Sql where) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select count(*)" + ClientRows.FROM + " where " + where.text())) {
            where.bind(st, 1);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Client count query failed", e);
        }
    }
}
