package cz.edeposit.amqp.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import cz.edeposit.amqp.settings.ConfigException;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The index's connection pool, with the schema migrated (Flyway, {@code db/storage}) when it opens
 * and is not current.
 *
 * <p>Transactions run at READ COMMITTED, the default of both H2 and PostgreSQL: every statement
 * sees what committed before it, so a transaction that waited for a row lock sees the other's work.
 */
final class StorageDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final boolean postgresql;

    private StorageDatabase(HikariDataSource pool, boolean postgresql) {
        this.pool = pool;
        this.postgresql = postgresql;
    }

    /**
     * Connects and migrates the schema with Flyway unless its history shows it current.
     *
     * @param size the most connections: the workers and the web server share them
     * @throws ConfigException when the database cannot be reached or migrated, naming STORAGE_DB_URL
     */
    static StorageDatabase open(StorageSettings.DatabaseSettings settings, int size) {
        // A lambda, not FlywayMigrator::migrate: a method reference would load (and verify)
        // FlywayMigrator, and with it Flyway's classes, even when the schema is current.
        return open(settings, size, dataSource -> FlywayMigrator.migrate(dataSource));
    }

    /**
     * Connects; asks {@code migrator} only when {@link SchemaHistory#current} does not show the schema
     * current. Flyway costs about 500 classes (with what they load of the JDK) and 4-5 MB of the
     * daemon's resident memory for as long as it runs (docs/performance.md, "Memory"), for a check
     * that finds nothing to do at nearly every start.
     */
    static StorageDatabase open(StorageSettings.DatabaseSettings settings, int size, Migrator migrator) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2Settings(settings.url()));
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setPoolName("storage-db");
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new ConfigException("STORAGE_DB_URL " + settings.url() + ": cannot connect (" + rootMessage(e)
                    + "); check the URL, STORAGE_DB_USER and STORAGE_DB_PASSWORD, and that the database runs");
        }
        try {
            if (!schemaCurrent(pool)) {
                migrator.migrate(pool);
            }
        } catch (IllegalStateException e) {
            pool.close();
            throw new ConfigException("STORAGE_DB_URL " + settings.url() + ": cannot migrate the schema ("
                    + e.getMessage() + "); the database must be one this daemon created, or empty");
        }
        return new StorageDatabase(pool, settings.postgresql());
    }

    /**
     * H2's page cache, in KiB, unless STORAGE_DB_URL sets CACHE_SIZE: H2's default (16 MiB per
     * database) fills with the old versions of pages that every commit leaves, and the daemon's
     * heap with it (docs/performance.md, "Memory"); the index's pages are read again from the file
     * (the operating system's cache) when they are not in it.
     */
    static final int H2_CACHE_KIB = 2048;

    /**
     * The URL with this daemon's H2 settings where it does not set them: WRITE_DELAY and CACHE_SIZE
     * ({@link #H2_CACHE_KIB}). H2 keeps commits in memory for up to WRITE_DELAY (500 ms by default):
     * a killed process would lose them. With 0 a commit is stored as it returns, mostly (H2 2.5 may
     * return before storing when another store started meanwhile), so released files wait for the
     * sweep rather than rely on it (ContentReferences#release); a power loss needs PostgreSQL
     * (docs/storage.md).
     */
    static String h2Settings(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String settings = url;
        if (!sets(url, "WRITE_DELAY")) {
            settings += ";WRITE_DELAY=0";
        }
        if (!sets(url, "CACHE_SIZE")) {
            settings += ";CACHE_SIZE=" + H2_CACHE_KIB;
        }
        return settings;
    }

    /** Whether the H2 URL sets the setting {@code name} (H2 reads names in any case, blanks around {@code =}). */
    private static boolean sets(String url, String name) {
        return java.util.regex.Pattern.compile(";\\s*" + name + "\\s*=", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(url).find();
    }

    private static boolean schemaCurrent(HikariDataSource pool) {
        try (Connection connection = pool.getConnection()) {
            return SchemaHistory.current(connection);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** A connection in a transaction (auto-commit off); the caller commits or rolls back and closes it. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    boolean postgresql() {
        return postgresql;
    }

    @Override
    public void close() {
        pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
