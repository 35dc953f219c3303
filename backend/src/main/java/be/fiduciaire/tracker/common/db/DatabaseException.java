package be.fiduciaire.tracker.common.db;

import java.sql.SQLException;

/** An SQL failure, unchecked; {@link #sqlState()} lets a service turn a known one (unique, lock timeout) into a rule. */
public class DatabaseException extends RuntimeException {
    private final String sqlState;

    public DatabaseException(SQLException cause) {
        super("Database error: " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState == null ? "" : sqlState;
    }

    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }

    /** Lock not available (lock_timeout / NOWAIT), serialization failure or deadlock: another change holds the rows. */
    public boolean isConcurrentChange() {
        return "55P03".equals(sqlState) || "40001".equals(sqlState) || "40P01".equals(sqlState);
    }

    /** The constraint's name appears in the driver's message (PostgreSQL names it). */
    public boolean violates(String constraint) {
        return getCause() != null && String.valueOf(getCause().getMessage()).contains(constraint);
    }
}
