package cz.edeposit.amqp.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Runs work in one database transaction, again from the start when it lost a race that a new
 * attempt wins: a unique key another transaction took first, a deadlock, a lock wait that timed out.
 */
final class Transactions {

    /** Unique violation (both), serialization failure or H2 deadlock, PostgreSQL deadlock, H2 lock timeout. */
    private static final Set<String> RETRIED = Set.of("23505", "40001", "40P01", "HYT00");
    private static final int ATTEMPTS = 8;

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private final StorageDatabase database;

    Transactions(StorageDatabase database) {
        this.database = database;
    }

    /** Runs {@code work} and commits; rolls back and rethrows what it threw (after the retries). */
    <T> T run(Work<T> work) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = database.connection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Exception | Error e) {
                    rollback(connection, e);
                    if (attempt >= ATTEMPTS || !retried(e)) {
                        throw e;
                    }
                }
            }
            Thread.sleep(attempt * 5L);
        }
    }

    /** Whether {@code e} (or what caused it) is a lost race that a new attempt can win. */
    static boolean retried(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRIED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} is a unique-key violation. */
    static boolean duplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
