package be.fiduciaire.tracker.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * The one way to run set-based SQL (lists, filters, bulk edit, export, figures, refresh writes). Every statement
 * runs on the current transaction's own connection — the one Hibernate uses — so SQL and entities commit or roll
 * back together; there is no other transaction model than {@code @Transactional} on service methods (and
 * {@code QuarkusTransaction.requiringNew()} in background workers). Pending entity changes are flushed first so the
 * SQL sees them. Parameters are always bound (for COPY, see {@link #copyOut}); rows are read by column name ({@link Row}).
 */
@ApplicationScoped
public class Db {
    @Inject
    DataSource dataSource;
    @Inject
    EntityManager entityManager;
    @Inject
    TransactionManager transactions;

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> List<T> list(Sql sql, RowMapper<T> mapper) {
        return work(c -> query(c, sql, mapper));
    }

    private static <T> List<T> query(Connection c, Sql sql, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement st = prepare(c, sql); ResultSet rs = st.executeQuery()) {
            Row row = new Row(rs);
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(row));
            return out;
        }
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return list(Sql.of(sql, params), mapper);
    }

    public <T> Optional<T> one(Sql sql, RowMapper<T> mapper) {
        List<T> all = list(sql, mapper);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        return one(Sql.of(sql, params), mapper);
    }

    /** A single number: the query's one column must be named {@code n} (e.g. {@code select count(*) as n ...}). */
    public long number(Sql sql) {
        return one(sql, r -> r.longValue("n")).orElse(0L);
    }

    public long number(String sql, Object... params) {
        return number(Sql.of(sql, params));
    }

    public boolean exists(String sql, Object... params) {
        return one("select exists(" + sql + ") as e", r -> r.bool("e"), params).orElse(false);
    }

    public int update(Sql sql) {
        return work(c -> {
            try (PreparedStatement st = prepare(c, sql)) {
                return st.executeUpdate();
            }
        });
    }

    public int update(String sql, Object... params) {
        return update(Sql.of(sql, params));
    }

    /** The same statement once per parameter list, sent as one JDBC batch; returns the total of updated rows. */
    public int batch(String sql, Collection<Object[]> paramLists) {
        if (paramLists.isEmpty()) return 0;
        return work(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                for (Object[] params : paramLists) {
                    bind(st, java.util.Arrays.asList(params));
                    st.addBatch();
                }
                int total = 0;
                for (int n : st.executeBatch()) total += Math.max(n, 0);
                return total;
            }
        });
    }

    /**
     * One statement for many rows: the rows go over as one {@code text[]} per column, for a statement that reads
     * them with {@code unnest(?::text[], ...)} and casts each column there. Unlike {@link #batch}, the statement runs
     * once, so statement-level triggers (the maintained counts) fire once for all the rows, not once per row.
     */
    public int updateRows(String sql, Collection<Object[]> rows) {
        if (rows.isEmpty()) return 0;
        int width = rows.iterator().next().length;
        String[][] columns = new String[width][rows.size()];
        int r = 0;
        for (Object[] row : rows) {
            if (row.length != width) throw new IllegalArgumentException("rows of " + row.length + " values beside rows of " + width);
            for (int c = 0; c < width; c++) columns[c][r] = row[c] == null ? null : row[c].toString();
            r++;
        }
        return update(sql, (Object[]) columns);
    }

    /** {@code unnest(?::text[], ...)} over {@code columns} arrays, the source of an {@link #updateRows} statement. */
    public static String unnest(int columns) {
        return "unnest(" + String.join(", ", java.util.Collections.nCopies(columns, "?::text[]")) + ")";
    }

    /** Receives the rows of a {@link #copyOut}, one at a time, each as PostgreSQL wrote it (ending in a line feed). */
    @FunctionalInterface
    public interface CopyRows {
        void row(byte[] row) throws java.io.IOException;
    }

    /**
     * Hands the rows of {@code query} to {@code rows} with {@code COPY (query) TO STDOUT (options)}: PostgreSQL
     * streams them without a round trip per batch, and may read, join and sort with parallel workers, which a cursor
     * never does. COPY takes no bound parameters, so they do not enter its text either: they travel as one
     * transaction-local setting (a JSON array of their texts) and each {@code ?} becomes a sub-select that reads and
     * casts its own, once per statement. {@code options} are fixed by the caller, never user input. A row that
     * {@code rows} refuses (an IOException: the reader went away) cancels the COPY.
     */
    public void copyOut(Sql query, String options, CopyRows rows) {
        List<String> texts = new ArrayList<>();
        List<String> placeholders = new ArrayList<>();
        for (Object p : query.params()) {
            if (p == null) {
                placeholders.add("null");
                continue;
            }
            texts.add(CopyParams.text(p));
            placeholders.add("(select (current_setting('tracker.copy_params')::jsonb ->> " + (texts.size() - 1) + ")::"
                    + CopyParams.type(p) + ")");
        }
        String copy = "copy (" + CopyParams.substitute(query.text(), placeholders) + ") to stdout (" + options + ")";
        work(c -> {
            try (PreparedStatement st = c.prepareStatement("select set_config('tracker.copy_params', ?, true)")) {
                st.setString(1, CopyParams.json(texts));
                st.execute();
            }
            org.postgresql.copy.CopyOut out = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut(copy);
            try {
                for (byte[] row = out.readFromCopy(); row != null; row = out.readFromCopy()) rows.row(row);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                if (out.isActive()) out.cancelCopy();
            }
            return null;
        });
    }

    @FunctionalInterface
    public interface AutocommitWork<T> {
        T run(Autocommit connection);
    }

    /**
     * The one exception to "SQL runs in the caller's transaction": statements PostgreSQL refuses inside a transaction
     * block ({@code CREATE / DROP INDEX CONCURRENTLY}) and session-level advisory locks held across several of them.
     * The work gets one connection of its own in autocommit (each statement commits by itself) until it returns.
     * Background jobs only: it refuses to run inside a transaction, whose connection it would otherwise bypass.
     */
    public <T> T autocommit(AutocommitWork<T> work) {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                throw new IllegalStateException("Db.autocommit inside a transaction: run it from a background job");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                return work.run(new Autocommit(c));
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** One connection in autocommit (see {@link #autocommit}); parameters bound and rows read by name as everywhere. */
    public static final class Autocommit {
        private final Connection connection;

        private Autocommit(Connection connection) {
            this.connection = connection;
        }

        public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
            try {
                return query(connection, Sql.of(sql, params), mapper);
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }

        public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
            List<T> all = list(sql, mapper, params);
            return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
        }

        /** A statement without result rows; DDL cannot take parameters, so callers pass validated names only. */
        public void execute(String sql, Object... params) {
            try (PreparedStatement st = prepare(connection, Sql.of(sql, params))) {
                st.execute();
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }
    }

    private <T> T work(Work<T> work) {
        requireTransaction();
        Session session = entityManager.unwrap(Session.class);
        if (session.isDirty()) session.flush();
        // Inside a JTA transaction the pool hands out the transaction's own connection; closing it here only
        // releases the handle, the connection itself is committed and returned with the transaction.
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private void requireTransaction() {
        try {
            if (transactions.getStatus() != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("SQL outside a transaction: run it from a @Transactional service method "
                        + "or inside QuarkusTransaction.requiringNew()");
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, Sql sql) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql.text());
        try {
            bind(st, sql.params());
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement st, List<Object> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Sql.JsonParam j) {
                st.setString(i++, j.json());
            } else if (p instanceof String[] array) {
                st.setArray(i++, st.getConnection().createArrayOf("text", array));
            } else if (p instanceof Enum<?> e) {
                st.setString(i++, e.name());
            } else {
                st.setObject(i++, p);
            }
        }
    }
}
