package cz.edeposit.amqp.downloader;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
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

    @Test
    void deniesEveryNetworkThatIsNotPublicUnicastAndAllowsNoneByDefaultWithATenMinuteTotal() {
        DownloaderSettings settings = load(dir, Map.of());
        assertEquals(Duration.ofMinutes(10), settings.totalTimeout());
        assertEquals(List.of(), settings.destinations().allow());
        assertEquals(DestinationPolicy.DEFAULT_DENY.stream().map(Network::parse).toList(), settings.destinations().deny());
    }

    @Test
    void readsTheNetworkListsFromTheFileOrTheEnvironment() throws Exception {
        Files.writeString(dir.resolve("downloader.json"),
                "{\"DOWNLOADER_ALLOW_NETWORKS\": [\"127.0.0.0/8\", \"::1/128\"], \"DOWNLOADER_DENY_NETWORKS\": []}");
        DownloaderSettings file = load(dir, Map.of());
        assertEquals(List.of(Network.parse("127.0.0.0/8"), Network.parse("::1/128")), file.destinations().allow());
        assertEquals(List.of(), file.destinations().deny());
        DownloaderSettings env = load(dir, Map.of("EDEPOSIT_DOWNLOADER_DENY_NETWORKS", "10.0.0.0/8, fc00::/7",
                "EDEPOSIT_DOWNLOADER_TOTAL_TIMEOUT", "90"));
        assertEquals(List.of(Network.parse("10.0.0.0/8"), Network.parse("fc00::/7")), env.destinations().deny());
        assertEquals(Duration.ofSeconds(90), env.totalTimeout());
    }

    @Test
    void refusesANetworkThatIsNotInCidrNotationNamingTheKeyAndTheItem() throws Exception {
        Files.writeString(dir.resolve("downloader.json"), "{\"DOWNLOADER_ALLOW_NETWORKS\": [\"10.0.0.0/33\"]}");
        ConfigException file = assertThrows(ConfigException.class, () -> load(dir, Map.of()));
        assertEquals(dir.resolve("downloader.json") + " (or EDEPOSIT_DOWNLOADER_ALLOW_NETWORKS): DOWNLOADER_ALLOW_NETWORKS"
                + " must be a list of networks in CIDR notation, such as [\"10.0.0.0/8\", \"fc00::/7\"], not with"
                + " \"10.0.0.0/33\"", file.getMessage());
        Files.delete(dir.resolve("downloader.json"));
        ConfigException name = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_DOWNLOADER_DENY_NETWORKS", "10.0.0.0/8,intranet.example")));
        assertEquals("EDEPOSIT_DOWNLOADER_DENY_NETWORKS: must be a list of networks in CIDR notation, such as"
                + " [\"10.0.0.0/8\", \"fc00::/7\"], not with \"intranet.example\"", name.getMessage());
        ConfigException total = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_DOWNLOADER_TOTAL_TIMEOUT", "0")));
        assertEquals("EDEPOSIT_DOWNLOADER_TOTAL_TIMEOUT: must be a number of seconds from 0.001 to 86400, not \"0\"",
                total.getMessage());
    }
}
