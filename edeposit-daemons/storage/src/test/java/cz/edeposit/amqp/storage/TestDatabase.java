package cz.edeposit.amqp.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The two databases every index test runs on: an H2 file in the test's directory, and a schema of
 * its own in the real PostgreSQL of {@code EDEPOSIT_TEST_JDBC_URL} (default
 * {@value #DEFAULT_POSTGRESQL}, which scripts/ensure-postgresql creates). Without PostgreSQL the
 * tests fail; they are never skipped.
 */
enum TestDatabase {
    H2, POSTGRESQL;

    static final String DEFAULT_POSTGRESQL =
            "jdbc:postgresql://127.0.0.1:5432/edeposit_test?user=edeposit_test&password=edeposit_test";

    /** A database settings record for a fresh, empty database; {@link #drop} removes it. */
    StorageSettings.DatabaseSettings create(Path dir) throws SQLException {
        if (this == H2) {
            return new StorageSettings.DatabaseSettings("jdbc:h2:file:" + dir.resolve("index").toAbsolutePath(), "", "");
        }
        String url = postgresqlUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL of the tests (" + url.replaceAll("password=[^&]*", "password=...")
                    + ") does not answer: run scripts/ensure-postgresql or set EDEPOSIT_TEST_JDBC_URL", e);
        }
        return new StorageSettings.DatabaseSettings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "", "");
    }

    /** Removes what {@link #create} made (the H2 file goes with the test's directory). */
    void drop(StorageSettings.DatabaseSettings settings) throws SQLException {
        if (this == POSTGRESQL) {
            String schema = settings.url().substring(settings.url().indexOf("currentSchema=") + 14);
            try (Connection c = DriverManager.getConnection(postgresqlUrl()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    static String postgresqlUrl() {
        String url = System.getenv("EDEPOSIT_TEST_JDBC_URL");
        return url == null || url.isBlank() ? DEFAULT_POSTGRESQL : url;
    }
}
