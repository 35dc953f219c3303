package be.fiduciaire.peppol.peppol;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** A local JDBC transaction outside JTA, for the refresh workers. */
final class Jdbc {
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {}

    static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Database error: " + e.getMessage(), e);
        }
    }
}
