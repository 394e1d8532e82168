package cz.edeposit.amqp.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The fast path of the start: whether Flyway's schema history already records exactly the
 * migrations of this jar, each successful and with the same checksum, read with plain JDBC. Only
 * then does the daemon start without Flyway; anything else (a new database, an older schema, a
 * failed or unknown migration, a changed script, a history it cannot read) is left to Flyway,
 * which migrates and validates as it always did (docs/storage.md, "Database").
 */
final class SchemaHistory {

    /**
     * The scripts under {@link Migrator#LOCATION}, in order. SchemaMigrationTest checks that the list
     * names every file there: a script missing here would make an older schema look current.
     */
    static final List<String> SCRIPTS = List.of("V1__storage.sql");

    /** Flyway's default table name; Flyway creates it quoted, in lower case, on H2 and PostgreSQL alike. */
    private static final String QUERY = "SELECT \"version\", \"script\", \"checksum\", \"type\", \"success\""
            + " FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";

    private static final Set<String> MARKERS = Set.of("TABLE", "SCHEMA");

    private SchemaHistory() {
    }

    /** One applied migration as the history records it. */
    record Entry(String version, String script, Integer checksum, String type, boolean success) {
    }

    /** What the history must hold for the schema to be current: one successful SQL migration per script. */
    static List<Entry> expected() {
        List<Entry> entries = new ArrayList<>();
        for (String script : SCRIPTS) {
            String version = script.substring(1, script.indexOf("__")).replace('_', '.');
            entries.add(new Entry(version, script, checksum(script), "SQL", true));
        }
        return entries;
    }

    /**
     * Whether the schema of {@code connection} is current. Reads in the connection's transaction
     * and rolls it back, so that a missing table (which aborts a PostgreSQL transaction) leaves the
     * connection usable.
     */
    static boolean current(Connection connection) {
        return current(connection, expected());
    }

    /** Whether the history of {@code connection} holds exactly {@code expected}, in order. */
    static boolean current(Connection connection, List<Entry> expected) {
        List<Entry> recorded = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                int checksum = rows.getInt(3);
                Entry entry = new Entry(rows.getString(1), rows.getString(2), rows.wasNull() ? null : checksum,
                        rows.getString(4), rows.getBoolean(5));
                // Flyway's markers that it created the history table (on H2, rank 0) or the schema: no migration
                if (!(MARKERS.contains(entry.type()) && entry.version() == null && entry.success())) {
                    recorded.add(entry);
                }
            }
        } catch (SQLException e) {
            return false;
        } finally {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the caller closes the connection; Flyway then works with connections of its own
            }
        }
        return recorded.equals(expected);
    }

    /**
     * Flyway's checksum of a script: CRC-32 over the UTF-8 bytes of each line without its line
     * break (a byte order mark on the first line left out), as Flyway's ChecksumCalculator; the
     * tests compare it with what Flyway records.
     */
    static int checksum(String script) {
        String path = Migrator.LOCATION + "/" + script;
        try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the migration " + path + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            CRC32 crc = new CRC32();
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return (int) crc.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
