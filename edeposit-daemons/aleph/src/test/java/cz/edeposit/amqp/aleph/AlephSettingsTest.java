package cz.edeposit.amqp.aleph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlephSettingsTest {

    @TempDir
    Path dir;

    private AlephSettings load(String json) throws IOException {
        Files.writeString(dir.resolve("aleph.json"), json);
        return load(dir);
    }

    private AlephSettings load(Path configDir) {
        return AlephSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, Map.of(), configDir), Map.of(), null, 1));
    }

    @Test
    void defaultsAreTheOriginalsPlusConservativeLimits() {
        AlephSettings settings = load(dir);

        assertEquals(URI.create("http://aleph.nkp.cz"), settings.alephUrl());
        assertEquals("nkc", settings.defaultBase());
        assertEquals("CZE01", settings.defaultLibrary());
        assertEquals(URI.create("http://aleph.nkp.cz/aleph-cgi/e-deposit"), settings.exportUrl());
        assertEquals("edeposit", settings.exportSignature());
        assertEquals("edeposit", settings.exportReferer());
        assertEquals(30, settings.maxRecords());
        assertEquals(10, settings.requestsPerSecond());
        assertTrue(settings.requestsPerSecond() < AlephSettings.LICENSED_REQUESTS_PER_SECOND);
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(60), settings.requestTimeout());
        assertEquals(16L * 1024 * 1024, settings.maxResponseBytes());
    }

    @Test
    void theFileOverridesKeysAndATrailingSlashIsDropped() throws IOException {
        AlephSettings settings = load("""
                {"ALEPH_URL": "https://aleph.example.cz/", "ALEPH_DEFAULT_BASE": "cze-dep",
                 "EDEPOSIT_EXPORT_REFERER": "from edeposit", "ALEPH_MAX_REQUESTS_PER_SECOND": "150",
                 "ALEPH_MAX_RECORDS": 5}""");

        assertEquals(URI.create("https://aleph.example.cz"), settings.alephUrl());
        assertEquals("cze-dep", settings.defaultBase());
        assertEquals("from edeposit", settings.exportReferer());
        assertEquals(150, settings.requestsPerSecond());
        assertEquals(5, settings.maxRecords());
    }

    @Test
    void aRateAboveTheLicenceIsRefused() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> load("{\"ALEPH_MAX_REQUESTS_PER_SECOND\": 151}"));

        assertTrue(error.getMessage().contains("ALEPH_MAX_REQUESTS_PER_SECOND"), error.getMessage());
        assertTrue(error.getMessage().contains("from 1 to 150, not 151"), error.getMessage());
        assertTrue(error.getMessage().contains(dir.resolve("aleph.json").toString()), error.getMessage());
    }

    @Test
    void urlsMustBeHttpOrHttpsWithAHost() {
        for (String bad : new String[] {"ftp://aleph.nkp.cz", "aleph.nkp.cz", "file:///etc/passwd", "http://",
                "http://aleph.nkp.cz/X?op=find", "not a url"}) {
            ConfigException error = assertThrows(ConfigException.class,
                    () -> load("{\"ALEPH_EXPORT_URL\": \"" + bad + "\"}"), bad);
            assertTrue(error.getMessage().startsWith(dir.resolve("aleph.json") + " (or EDEPOSIT_ALEPH_EXPORT_URL):"
                    + " ALEPH_EXPORT_URL must be an http:// or https:// URL with a host and no query"), error.getMessage());
        }
    }

    @Test
    void aBlankDefaultBaseIsRefused() {
        assertThrows(ConfigException.class, () -> load("{\"ALEPH_DEFAULT_BASE\": \" \"}"));
    }

    @Test
    void theShippedExampleHoldsEveryKeyWithItsDefault() throws IOException {
        Path examples = Path.of("..", "config").toAbsolutePath().normalize();
        Settings example = Settings.load(AlephSettings.SCHEMA, AlephSettings.FILE,
                new ConfigLocator(examples, Map.of(), dir), Map.of());

        assertTrue(example.source().isPresent(), "config/aleph.json exists");
        assertTrue(example.warnings().isEmpty(), example.warnings().toString());
        assertEquals(load(dir), AlephSettings.from(example));
        Set<String> keys = new LinkedHashSet<>();
        new ObjectMapper().readTree(examples.resolve(AlephSettings.FILE).toFile()).fieldNames().forEachRemaining(keys::add);
        assertEquals(AlephSettings.SCHEMA.keys(), keys, "the example names every key");
    }
}
