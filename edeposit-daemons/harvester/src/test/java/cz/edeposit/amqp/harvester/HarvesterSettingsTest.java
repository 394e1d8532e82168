package cz.edeposit.amqp.harvester;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code harvester.json}: defaults, the shipped example, the original's booleans, and bad values. */
class HarvesterSettingsTest {

    /** The example settings the distribution ships, in the repository's top-level config/. */
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    private static HarvesterSettings load(Path configDir, Map<String, String> env) {
        return HarvesterSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, env, configDir), env, null, 1));
    }

    @Test
    void defaultsAreTheOriginalsFiltersAndTheIssuesLimits() {
        HarvesterSettings settings = load(dir, Map.of());
        assertTrue(settings.useDupFilter());
        assertFalse(settings.useAlephFilter());
        assertTrue(settings.alephFilterByAuthor());
        assertEquals(Path.of(System.getProperty("user.home"), ".edeposit_harvester_cache.json"), settings.dupFilterFile());
        assertEquals(Path.of("/etc/edeposit/harvester-sources.yaml"), settings.sourcesFile());
        assertEquals(Path.of("/var/lib/edeposit/harvester"), settings.stateDir());
        assertEquals(Duration.ofSeconds(1), settings.minDelay());
        assertEquals(Duration.ofSeconds(30), settings.timeout());
        assertEquals(Duration.ofMinutes(10), settings.totalTimeout());
        assertEquals(50L << 20, settings.maxBytes());
        assertEquals(Duration.ofSeconds(30), settings.alephFilterTimeout());
        assertTrue(settings.userAgent().startsWith("edeposit-harvester/"), settings.userAgent());
        assertFalse(settings.destinations().allows(java.net.InetAddress.getLoopbackAddress()));
    }

    @Test
    void allowsLoopbackOnlyWhenTheOperatorListsIt() throws Exception {
        HarvesterSettings settings = load(dir, Map.of("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "127.0.0.0/8"));
        assertTrue(settings.destinations().allows(java.net.InetAddress.getLoopbackAddress()));
        ConfigException bad = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "localhost")));
        assertTrue(bad.getMessage().contains("must be a list of networks in CIDR notation"), bad.getMessage());
    }

    @Test
    void theShippedExampleListsEveryKeyWithItsDefault() throws Exception {
        Path example = SHIPPED.resolve(HarvesterSettings.FILE);
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(example.toFile()).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(HarvesterSettings.SCHEMA.keys()), keys);
        assertEquals(load(dir, Map.of()), load(SHIPPED, Map.of()));
    }

    @Test
    void honoursBooleansInTheFileWhichTheOriginalIgnored() throws Exception {
        Files.writeString(dir.resolve(HarvesterSettings.FILE),
                "{\"USE_DUP_FILTER\": false, \"USE_ALEPH_FILTER\": true, \"DUP_FILTER_FILE\": \"/srv/cache.json\"}");
        HarvesterSettings settings = load(dir, Map.of("EDEPOSIT_ALEPH_FILTER_BY_AUTHOR", "false"));
        assertFalse(settings.useDupFilter());
        assertTrue(settings.useAlephFilter());
        assertFalse(settings.alephFilterByAuthor());
        assertEquals(Path.of("/srv/cache.json"), settings.dupFilterFile());
    }

    @Test
    void refusesARelativeCacheFileAndAZeroSizeNamingTheKey() throws Exception {
        Files.writeString(dir.resolve(HarvesterSettings.FILE), "{\"DUP_FILTER_FILE\": \"cache.json\"}");
        ConfigException cache = assertThrows(ConfigException.class, () -> load(dir, Map.of()));
        assertTrue(cache.getMessage().contains("DUP_FILTER_FILE must be an absolute path or start with ~/"),
                cache.getMessage());
        Files.delete(dir.resolve(HarvesterSettings.FILE));
        ConfigException size = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_HARVESTER_MAX_BYTES", "0")));
        assertTrue(size.getMessage().startsWith("EDEPOSIT_HARVESTER_MAX_BYTES: must be a number of bytes"),
                size.getMessage());
    }

    @Test
    void readsTheTotalTimeoutAndRefusesOneOutOfRangeNamingTheValue() throws Exception {
        assertEquals(Duration.ofMillis(2500), load(dir, Map.of("EDEPOSIT_HARVESTER_TOTAL_TIMEOUT", "2.5")).totalTimeout());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_HARVESTER_TOTAL_TIMEOUT", "0")));
        assertEquals("EDEPOSIT_HARVESTER_TOTAL_TIMEOUT: must be a number of seconds from 0.001 to 86400, not \"0\"",
                zero.getMessage());
        Files.writeString(dir.resolve(HarvesterSettings.FILE), "{\"HARVESTER_TOTAL_TIMEOUT\": \"ten minutes\"}");
        ConfigException words = assertThrows(ConfigException.class, () -> load(dir, Map.of()));
        assertTrue(words.getMessage().contains("HARVESTER_TOTAL_TIMEOUT must be a number of seconds"), words.getMessage());
        assertFalse(words.getMessage().contains("\n"), "one line");
    }

    @Test
    void refusesATotalTimeoutNoLongerThanTheMinDelaySayingWhichToChange() throws Exception {
        Files.writeString(dir.resolve(HarvesterSettings.FILE), "{\"HARVESTER_MIN_DELAY\": 5, \"HARVESTER_TOTAL_TIMEOUT\": 5}");
        ConfigException bad = assertThrows(ConfigException.class, () -> load(dir, Map.of()));
        assertEquals(dir.resolve(HarvesterSettings.FILE) + " (or EDEPOSIT_HARVESTER_TOTAL_TIMEOUT): HARVESTER_TOTAL_TIMEOUT"
                + " must be longer than HARVESTER_MIN_DELAY (5 s), which each fetch may wait first; raise it or lower"
                + " HARVESTER_MIN_DELAY, not 5", bad.getMessage());
        assertEquals(Duration.ofMillis(5500),
                load(dir, Map.of("EDEPOSIT_HARVESTER_TOTAL_TIMEOUT", "5.5")).totalTimeout());
    }
}
