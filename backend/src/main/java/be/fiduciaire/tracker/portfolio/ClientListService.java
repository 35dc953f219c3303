package be.fiduciaire.tracker.portfolio;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.microprofile.context.ManagedExecutor;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.client.ClientView;
import be.fiduciaire.tracker.clientquery.RsqlCompiler;
import be.fiduciaire.tracker.clientquery.SortCompiler;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.common.db.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The client list: one filtered count and one filtered, ordered page, both parameterised. The two queries are
 * independent, so the count runs in a read transaction of its own on another thread while the page is read: the
 * answer takes about as long as the slower of the two rather than their sum.
 */
@ApplicationScoped
public class ClientListService {
    @Inject
    Db db;
    @Inject
    ObjectMapper json;
    @Inject
    RsqlCompiler filters;
    @Inject
    SortCompiler sorts;
    @Inject
    ManagedExecutor executor;

    @Transactional
    public PageResult<ClientView> list(String filter, String sort, Paging paging) {
        Sql where = filters.compile(filter, "filter");
        String orderBy = sorts.orderBy(sort);
        CompletableFuture<Long> total = executor.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> db.number(where.wrap("select count(*) as n" + ClientRows.FROM + " where ", ""))));
        List<ClientView> items;
        try {
            items = db.list(where.wrap("select " + ClientRows.COLUMNS + ClientRows.FROM + " where ", orderBy + " limit ? offset ?",
                    paging.size(), paging.offset()), r -> ClientRows.map(r, json));
        } catch (RuntimeException e) {
            total.cancel(false);
            throw e;
        }
        try {
            return new PageResult<>(items, paging.page(), paging.size(), total.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
