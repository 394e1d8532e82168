package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.settings.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start's schema check on H2 and PostgreSQL: Flyway migrates a new database, a current one opens
 * without asking the migrator, and a history Flyway would refuse is still refused with one line.
 */
class SchemaMigrationTest {

    @TempDir
    Path dir;

    /** A hand-written migrator that counts how often it is asked and then lets Flyway do the work. */
    private static final class CountingMigrator implements Migrator {
        int calls;

        @Override
        public void migrate(DataSource dataSource) {
            calls++;
            FlywayMigrator.migrate(dataSource);
        }
    }

    private static void execute(StorageDatabase database, String sql) throws Exception {
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
            c.commit();
        }
    }

    private static List<String> history(StorageDatabase database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"version\", \"checksum\", \"success\" FROM \"flyway_schema_history\""
                     + " WHERE \"type\" = 'SQL'")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getInt(2) + " " + r.getBoolean(3));
            }
            c.rollback();
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNewDatabaseIsMigratedAndThenOpensWithoutTheMigrator(TestDatabase kind) throws Exception {
        StorageSettings.DatabaseSettings settings = kind.create(dir);
        try {
            CountingMigrator first = new CountingMigrator();
            try (StorageDatabase database = StorageDatabase.open(settings, 2, first)) {
                execute(database, "SELECT COUNT(*) FROM publication");
                // our checksum is Flyway's, or the fast path would never be taken
                assertEquals(List.of("1 " + SchemaHistory.checksum("V1__storage.sql") + " true"), history(database));
            }
            assertEquals(1, first.calls, "a new database is migrated");
            CountingMigrator second = new CountingMigrator();
            try (StorageDatabase database = StorageDatabase.open(settings, 2, second)) {
                execute(database, "SELECT COUNT(*) FROM publication");
            }
            assertEquals(0, second.calls, "a current database opens without Flyway");
        } finally {
            kind.drop(settings);
        }
    }

    @Test
    void aRunThatMigratesDisownsItsClassArchiveAndARunOnACurrentSchemaKeepsIt() throws Exception {
        // The launcher names the archive this JVM dumps at exit in this property (ClassArchiveDump).
        String property = "edeposit.classArchive";
        StorageSettings.DatabaseSettings settings = TestDatabase.H2.create(dir);
        try {
            Path migrating = dir.resolve("migrating.jsa.1.partial");
            System.setProperty(property, migrating.toString());
            StorageDatabase.open(settings, 2).close();
            assertTrue(Files.exists(Path.of(migrating + ".discard")), "Flyway's classes would stay in every later start");
            Path current = dir.resolve("current.jsa.2.partial");
            System.setProperty(property, current.toString());
            StorageDatabase.open(settings, 2).close();
            assertFalse(Files.exists(Path.of(current + ".discard")), "an ordinary start keeps its archive");
        } finally {
            System.clearProperty(property);
            TestDatabase.H2.drop(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aHistoryBehindThisJarIsNotCurrent(TestDatabase kind) throws Exception {
        StorageSettings.DatabaseSettings settings = kind.create(dir);
        try (StorageDatabase database = StorageDatabase.open(settings, 2)) {
            List<SchemaHistory.Entry> newer = new ArrayList<>(SchemaHistory.expected());
            newer.add(new SchemaHistory.Entry("2", "V2__next.sql", 7, "SQL", true));
            try (Connection c = database.connection()) {
                assertTrue(SchemaHistory.current(c));
                assertFalse(SchemaHistory.current(c, newer), "a jar with V2 migrates a database at V1");
            }
        } finally {
            kind.drop(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aChangedScriptGoesToFlywayWhichRefusesIt(TestDatabase kind) throws Exception {
        StorageSettings.DatabaseSettings settings = kind.create(dir);
        try {
            try (StorageDatabase database = StorageDatabase.open(settings, 2)) {
                execute(database, "UPDATE \"flyway_schema_history\" SET \"checksum\" = 7 WHERE \"version\" = '1'");
            }
            CountingMigrator migrator = new CountingMigrator();
            ConfigException e = assertThrows(ConfigException.class, () -> StorageDatabase.open(settings, 2, migrator));
            assertEquals(1, migrator.calls);
            assertOneLineNamingTheUrl(e, "checksum mismatch");
        } finally {
            kind.drop(settings);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedMigrationIsRefusedWithOneLine(TestDatabase kind) throws Exception {
        assertAStartAfterVersion2IsRefused(kind, false, "failed migration to version 2");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNewerMigrationOfAnotherVersionIsRefusedWithOneLine(TestDatabase kind) throws Exception {
        assertAStartAfterVersion2IsRefused(kind, true, "applied migration not resolved locally: 2");
    }

    /** A database whose history holds a version 2 ({@code success} or not), which this jar lacks, refuses a start. */
    private void assertAStartAfterVersion2IsRefused(TestDatabase kind, boolean success, String reason) throws Exception {
        StorageSettings.DatabaseSettings settings = kind.create(dir);
        try {
            try (StorageDatabase database = StorageDatabase.open(settings, 2)) {
                insertHistory(database, "2", success);
            }
            ConfigException e = assertThrows(ConfigException.class, () -> StorageDatabase.open(settings, 2));
            assertOneLineNamingTheUrl(e, reason);
        } finally {
            kind.drop(settings);
        }
    }

    @Test
    void theListOfScriptsNamesEveryFileOfTheLocation() throws Exception {
        Path location = Path.of(URI.create(getClass().getClassLoader().getResource(Migrator.LOCATION).toString()));
        try (Stream<Path> files = Files.list(location)) {
            assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(),
                    SchemaHistory.SCRIPTS.stream().sorted().toList());
        }
    }

    private static void insertHistory(StorageDatabase database, String version, boolean success) throws Exception {
        execute(database, "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                + " VALUES (2, '" + version + "', 'next', 'SQL', 'V" + version + "__next.sql', 7, 'test', 1, "
                + success + ")");
    }

    private static void assertOneLineNamingTheUrl(ConfigException e, String reason) {
        assertTrue(e.getMessage().startsWith("STORAGE_DB_URL "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
