package cz.edeposit.amqp.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The H2 settings the daemon adds to STORAGE_DB_URL: a durable commit and a small page cache, unless the URL sets them. */
class StorageDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void anH2UrlGetsTheDurableWriteDelayAndTheSmallCache() {
        assertEquals("jdbc:h2:file:/x/index;WRITE_DELAY=0;CACHE_SIZE=" + StorageDatabase.H2_CACHE_KIB,
                StorageDatabase.h2Settings("jdbc:h2:file:/x/index"));
    }

    @Test
    void whatTheOperatorSetsStays() {
        assertEquals("jdbc:h2:file:/x/index;cache_size = 65536;WRITE_DELAY=0",
                StorageDatabase.h2Settings("jdbc:h2:file:/x/index;cache_size = 65536"));
        assertEquals("jdbc:h2:file:/x/index;WRITE_DELAY=100;CACHE_SIZE=" + StorageDatabase.H2_CACHE_KIB,
                StorageDatabase.h2Settings("jdbc:h2:file:/x/index;WRITE_DELAY=100"));
    }

    @Test
    void anotherSettingThatEndsInTheSameNameIsNotTheCache() {
        assertEquals("jdbc:h2:file:/x/index;QUERY_CACHE_SIZE=4;WRITE_DELAY=0;CACHE_SIZE=" + StorageDatabase.H2_CACHE_KIB,
                StorageDatabase.h2Settings("jdbc:h2:file:/x/index;QUERY_CACHE_SIZE=4"));
    }

    @Test
    void aPostgresqlUrlIsLeftAsItIs() {
        String url = "jdbc:postgresql://127.0.0.1:5432/edeposit?user=a";
        assertEquals(url, StorageDatabase.h2Settings(url));
    }

    @Test
    void theOpenedH2IndexRunsWithTheSmallCache() throws Exception {
        StorageSettings.DatabaseSettings settings = TestDatabase.H2.create(dir);
        try (StorageDatabase database = StorageDatabase.open(settings, 2);
             Connection c = database.connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            r.next();
            // H2 reports the cache's limit in MiB
            assertEquals(String.valueOf(StorageDatabase.H2_CACHE_KIB / 1024), r.getString(1));
        }
    }
}
