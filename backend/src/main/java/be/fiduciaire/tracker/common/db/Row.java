package be.fiduciaire.tracker.common.db;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One result row, read by column name only (a query's columns can be reordered or added without breaking its
 * mappers). Nullable getters return {@code null} for SQL NULL; primitive ones are for NOT NULL columns.
 */
public final class Row {
    private final ResultSet rs;

    public Row(ResultSet rs) {
        this.rs = rs;
    }

    public String string(String column) throws SQLException {
        return rs.getString(column);
    }

    public UUID uuid(String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public long longValue(String column) throws SQLException {
        return rs.getLong(column);
    }

    public Long nullableLong(String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public int intValue(String column) throws SQLException {
        return rs.getInt(column);
    }

    public Integer nullableInt(String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public boolean bool(String column) throws SQLException {
        return rs.getBoolean(column);
    }

    public Boolean nullableBool(String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    public double doubleValue(String column) throws SQLException {
        return rs.getDouble(column);
    }

    public BigDecimal decimal(String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    public OffsetDateTime timestamp(String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    public LocalDate date(String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Enum.valueOf(type, v);
    }

    public String[] textArray(String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? null : (String[]) a.getArray();
    }

    /** The value as the driver reads it (for columns whose SQL type depends on the query, e.g. export cells). */
    public Object object(String column) throws SQLException {
        return rs.getObject(column);
    }
}
