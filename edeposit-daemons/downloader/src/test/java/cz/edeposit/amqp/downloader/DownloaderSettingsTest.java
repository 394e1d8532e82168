package cz.edeposit.amqp.downloader;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code downloader.json}: defaults, the example the distribution ships, overrides and bad values. */
class DownloaderSettingsTest {

    /** The example settings the distribution ships, in the repository's top-level config/. */
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    private static DownloaderSettings load(Path configDir, Map<String, String> env) {
        return DownloaderSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, env, configDir), env, null, 1));
    }

    @Test
    void defaultsAreTenAndThirtySecondsAnd64MiB() {
        assertEquals(new DownloaderSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 64L << 20), load(dir, Map.of()));
    }

    @Test
    void theShippedExampleListsEveryKeyWithItsDefault() throws Exception {
        Path example = SHIPPED.resolve(DownloaderSettings.FILE);
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(example.toFile()).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(DownloaderSettings.SCHEMA.keys()), keys);
        assertEquals(load(dir, Map.of()), load(SHIPPED, Map.of()));
    }

    @Test
    void readsTheFileAndLetsTheEnvironmentOverrideIt() throws Exception {
        Files.writeString(dir.resolve("downloader.json"),
                "{\"DOWNLOADER_READ_TIMEOUT\": 1.5, \"DOWNLOADER_MAX_SIZE\": \"2048\"}");
        DownloaderSettings settings = load(dir, Map.of("EDEPOSIT_DOWNLOADER_MAX_SIZE", "1000"));
        assertEquals(Duration.ofMillis(1500), settings.readTimeout());
        assertEquals(1000, settings.maxSize());
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
    }

    @Test
    void refusesValuesOutOfRangeNamingTheFileOrTheRealVariableTheKeyAndTheRangeWithItsUnit() throws Exception {
        Files.writeString(dir.resolve("downloader.json"), "{\"DOWNLOADER_MAX_SIZE\": 0}");
        ConfigException size = assertThrows(ConfigException.class, () -> load(dir, Map.of()));
        assertEquals(dir.resolve("downloader.json") + " (or EDEPOSIT_DOWNLOADER_MAX_SIZE): DOWNLOADER_MAX_SIZE must be"
                + " a number of bytes from 1 to 1073741824 (1 GiB), not 0", size.getMessage());
        Files.delete(dir.resolve("downloader.json"));
        ConfigException text = assertThrows(ConfigException.class, () -> load(dir, Map.of("EDEPOSIT_DOWNLOADER_MAX_SIZE", "big")));
        assertEquals("EDEPOSIT_DOWNLOADER_MAX_SIZE: must be a number of bytes from 1 to 1073741824 (1 GiB), not \"big\"",
                text.getMessage());
        ConfigException timeout = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_DOWNLOADER_CONNECT_TIMEOUT", "0", "EDEPOSIT_DOWNLOADER_MAX_SIZE", "5")));
        assertEquals("EDEPOSIT_DOWNLOADER_CONNECT_TIMEOUT: must be a number of seconds from 0.001 to 86400, not \"0\"",
                timeout.getMessage());
        ConfigException soon = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_DOWNLOADER_READ_TIMEOUT", "soon", "EDEPOSIT_DOWNLOADER_MAX_SIZE", "5")));
        assertTrue(soon.getMessage().startsWith("EDEPOSIT_DOWNLOADER_READ_TIMEOUT: "), soon.getMessage());
    }
}
