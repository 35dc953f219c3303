package be.fiduciaire.tracker.common.db;

import java.sql.SQLException;

/** Maps one {@link Row} (read by column name) to a value. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row) throws SQLException;
}
