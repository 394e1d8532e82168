package cz.edeposit.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {
    @TempDir
    Path tmp;
    Path home;
    Path etc;

    @BeforeEach
    void dirs() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        etc = Files.createDirectories(tmp.resolve("etc/edeposit"));
    }

    private Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "{}");
    }

    @Test
    void homeFileWinsOverEtcFile() throws IOException {
        Path homeFile = write(home.resolve("edeposit"), "amqp.json");
        write(etc, "amqp.json");
        ConfigLocator locator = new ConfigLocator(null, Map.of("HOME", home.toString()), etc);
        assertEquals(Optional.of(homeFile), locator.find("amqp.json"));
        assertTrue(locator.describe("amqp.json").contains("using " + homeFile), locator.describe("amqp.json"));
    }

    @Test
    void etcFileIsUsedWhenHomeHasNone() throws IOException {
        Path etcFile = write(etc, "amqp.json");
        ConfigLocator locator = new ConfigLocator(null, Map.of("HOME", home.toString()), etc);
        assertEquals(Optional.of(etcFile), locator.find("amqp.json"));
    }

    @Test
    void etcFileIsUsedWhenHomeIsUnsetOrEmpty() throws IOException {
        Path etcFile = write(etc, "amqp.json");
        write(home.resolve("edeposit"), "amqp.json");
        assertEquals(Optional.of(etcFile), new ConfigLocator(null, Map.of(), etc).find("amqp.json"));
        assertEquals(Optional.of(etcFile), new ConfigLocator(null, Map.of("HOME", ""), etc).find("amqp.json"));
        assertTrue(new ConfigLocator(null, Map.of(), etc).describe("amqp.json").contains("HOME is not set"));
    }

    @Test
    void eachFileNameIsLocatedIndependently() throws IOException {
        Path homeAmqp = write(home.resolve("edeposit"), "amqp.json");
        Path etcFtp = write(etc, "ftp.json");
        ConfigLocator locator = new ConfigLocator(null, Map.of("HOME", home.toString()), etc);
        assertEquals(Optional.of(homeAmqp), locator.find("amqp.json"));
        assertEquals(Optional.of(etcFtp), locator.find("ftp.json"));
    }

    @Test
    void noFileAnywhereMeansDefaults() {
        ConfigLocator locator = new ConfigLocator(null, Map.of("HOME", home.toString()), etc);
        assertEquals(Optional.empty(), locator.find("amqp.json"));
        assertTrue(locator.describe("amqp.json").endsWith("using defaults"), locator.describe("amqp.json"));
    }

    @Test
    void configDirOptionIsTheOnlyPlaceLooked() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cfg"));
        write(home.resolve("edeposit"), "amqp.json");
        write(etc, "amqp.json");
        ConfigLocator locator = new ConfigLocator(dir, Map.of("HOME", home.toString()), etc);
        assertEquals(Optional.empty(), locator.find("amqp.json"));
        Path cfgFile = write(dir, "amqp.json");
        assertEquals(Optional.of(cfgFile), locator.find("amqp.json"));
        assertTrue(locator.describe("amqp.json").contains("--config-dir"), locator.describe("amqp.json"));
    }

    @Test
    void configDirFromEnvironmentReplacesHomeAndEtc() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cfg"));
        write(home.resolve("edeposit"), "amqp.json");
        write(etc, "amqp.json");
        ConfigLocator locator = new ConfigLocator(null,
                Map.of("HOME", home.toString(), "EDEPOSIT_CONFIG_DIR", dir.toString()), etc);
        assertEquals(Optional.empty(), locator.find("amqp.json"));
        Path cfgFile = write(dir, "amqp.json");
        assertEquals(Optional.of(cfgFile), locator.find("amqp.json"));
    }

    @Test
    void configDirOptionWinsOverEnvironment() throws IOException {
        Path option = Files.createDirectories(tmp.resolve("option"));
        Path fromEnv = Files.createDirectories(tmp.resolve("env"));
        write(fromEnv, "amqp.json");
        Path optionFile = write(option, "amqp.json");
        ConfigLocator locator = new ConfigLocator(option, Map.of("EDEPOSIT_CONFIG_DIR", fromEnv.toString()), etc);
        assertEquals(Optional.of(optionFile), locator.find("amqp.json"));
    }

    @Test
    void missingConfigDirFromOptionIsAnErrorNamingItAndTheOption() {
        Path missing = tmp.resolve("nope");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLocator(missing, Map.of(), etc).find("amqp.json"));
        assertTrue(e.getMessage().startsWith("--config-dir " + missing + ": no such directory"), e.getMessage());
    }

    @Test
    void configDirFromEnvironmentThatIsAFileIsAnErrorNamingTheVariable() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLocator(null, Map.of("EDEPOSIT_CONFIG_DIR", file.toString()), etc).find("amqp.json"));
        assertTrue(e.getMessage().startsWith("EDEPOSIT_CONFIG_DIR " + file + ": is not a directory"), e.getMessage());
    }

    @Test
    void emptyConfigDirVariableCountsAsUnset() throws IOException {
        Path etcFile = write(etc, "amqp.json");
        assertEquals(Optional.of(etcFile),
                new ConfigLocator(null, Map.of("EDEPOSIT_CONFIG_DIR", ""), etc).find("amqp.json"));
    }

    @Test
    void rejectsFileNamesWithDirectories() {
        ConfigLocator locator = new ConfigLocator(null, Map.of(), etc);
        assertThrows(IllegalArgumentException.class, () -> locator.find("../amqp.json"));
        assertThrows(IllegalArgumentException.class, () -> locator.find(""));
    }
}
