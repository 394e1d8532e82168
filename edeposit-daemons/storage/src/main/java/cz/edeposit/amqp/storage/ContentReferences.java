package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may add or remove placed content: a transaction that places content or deletes it first
 * locks the content's {@code stored_content} row, so a deletion (which counts the records using the
 * content under that lock) never removes a file that another transaction is giving a record.
 */
final class ContentReferences {

    private static final Logger log = LoggerFactory.getLogger(ContentReferences.class);

    private final Transactions transactions;
    private final FileStore files;

    ContentReferences(Transactions transactions, FileStore files) {
        this.transactions = transactions;
        this.files = files;
    }

    /** Locks the row of {@code key} in {@code area} until {@code connection}'s transaction ends, creating it if needed. */
    static void lock(Connection connection, Area area, String key) throws SQLException {
        if (selectForUpdate(connection, area, key)) {
            return;
        }
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO stored_content (area, content_key) VALUES (?, ?)")) {
            insert.setString(1, area.name());
            insert.setString(2, key);
            insert.executeUpdate();
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!Transactions.duplicate(e)) {
                throw e;
            }
            // another transaction inserted it first and has committed: wait for its lock like everyone else
            connection.rollback(savepoint);
            if (!selectForUpdate(connection, area, key)) {
                throw new SQLException("stored_content row vanished", "40001");
            }
        }
    }

    /**
     * Content a committed transaction stopped using: if no record uses it, it gets a fresh modification
     * time and is left to the sweep, in a transaction of its own. It is never deleted here: a commit
     * that has returned may not be on disk yet (H2 can return from a commit before storing it), and a
     * crash that loses the commit would leave its record naming a deleted file (docs/storage.md,
     * "Crashes and concurrency"). A failure is logged and leaves an unused file, never a missing one.
     */
    void release(Area area, String key) {
        if (key == null) {
            return;
        }
        try {
            transactions.run(connection -> {
                if (selectForUpdate(connection, area, key) && users(connection, area, key) == 0) {
                    files.touch(area, key);
                }
                return null;
            });
        } catch (Exception e) {
            log.warn("Could not mark the unused content {} of {} for the sweep: {}", key, area, e.toString());
        }
    }

    /**
     * Deletes placed content that no record uses and that was last written (or released) before
     * {@code before}, also when it has no {@code stored_content} row (a crash rolled back the
     * transaction that placed it): the row is created and locked first, so a save that is giving the
     * content a record either committed before (and is counted) or waits. The time is read again under
     * the lock, since a save that released the content touches it before its commit.
     *
     * @return whether the content was deleted
     */
    boolean deleteIfUnused(Area area, String key, Instant before) throws Exception {
        return transactions.run(connection -> {
            lock(connection, area, key);
            if (users(connection, area, key) > 0) {
                return false;
            }
            Instant modified = files.modified(area, key);
            if (modified == null || !modified.isBefore(before)) {
                return false;
            }
            files.delete(area, key);
            return true;
        });
    }

    /**
     * Makes every committed transaction durable before the sweep deletes what they released: on H2 a
     * {@code CHECKPOINT SYNC} (a commit may have returned before H2 stored it); PostgreSQL's commits
     * are durable when they return. A failure (a user without the right) is logged: the grace period,
     * far longer than H2 takes to store a commit, still protects.
     */
    void flushCommits() {
        try {
            transactions.run(connection -> {
                if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                    try (java.sql.Statement checkpoint = connection.createStatement()) {
                        checkpoint.execute("CHECKPOINT SYNC");
                    }
                }
                return null;
            });
        } catch (Exception e) {
            log.warn("CHECKPOINT SYNC before the sweep failed (the grace period still protects): {}", e.toString());
        }
    }

    /** Whether the index holds no publication and no archive at all. */
    boolean indexEmpty() throws Exception {
        return transactions.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT (SELECT COUNT(*) FROM (SELECT id FROM publication FETCH FIRST 1 ROWS ONLY) p)"
                            + " + (SELECT COUNT(*) FROM (SELECT id FROM archive FETCH FIRST 1 ROWS ONLY) a)");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        });
    }

    /** Which of {@code keys} some record of {@code area} uses, by one query without locks (a first filter). */
    Set<String> used(Area area, List<String> keys) throws Exception {
        if (keys.isEmpty()) {
            return Set.of();
        }
        String sql = usersQuery(area).replace("SELECT COUNT(*)", "SELECT DISTINCT content_key")
                .replace("content_key = ?", "content_key IN (" + "?, ".repeat(keys.size() - 1) + "?)");
        return transactions.run(connection -> {
            Set<String> found = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < keys.size(); i++) {
                    select.setString(i + 1, keys.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
            return found;
        });
    }

    private static String usersQuery(Area area) {
        return switch (area) {
            case PUBLIC -> "SELECT COUNT(*) FROM publication WHERE content_key = ? AND is_public = TRUE";
            case PRIVATE -> "SELECT COUNT(*) FROM publication WHERE content_key = ? AND (is_public IS NULL OR is_public = FALSE)";
            case ARCHIVE -> "SELECT COUNT(*) FROM archive WHERE content_key = ?";
        };
    }

    private static long users(Connection connection, Area area, String key) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(usersQuery(area))) {
            count.setString(1, key);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static boolean selectForUpdate(Connection connection, Area area, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT content_key FROM stored_content WHERE area = ? AND content_key = ? FOR UPDATE")) {
            select.setString(1, area.name());
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
