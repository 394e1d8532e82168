package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibreSettingsTest {

    @TempDir
    Path dir;

    private CalibreSettings load(Path configDir, Map<String, String> env) {
        return CalibreSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, env, configDir), env, null, 1));
    }

    @Test
    void theShippedConfigFileHoldsEveryKeyWithItsDefault() throws Exception {
        Path shipped = Path.of("..", "config", CalibreSettings.FILE);
        Files.copy(shipped, dir.resolve(CalibreSettings.FILE));
        Settings file = Settings.load(CalibreSettings.SCHEMA, CalibreSettings.FILE, new ConfigLocator(dir, Map.of(), dir), Map.of());
        assertEquals(java.util.List.of(), file.warnings());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Settings defaults = Settings.load(CalibreSettings.SCHEMA, CalibreSettings.FILE, new ConfigLocator(empty, Map.of(), empty), Map.of());
        assertEquals(defaults.toString().replace("source=none", "source=" + dir.resolve(CalibreSettings.FILE)),
                file.toString());
        assertEquals(CalibreSettings.SCHEMA.keys().size(), 7);
    }

    @Test
    void defaultsAreCalibreOfDebianFiveMinutesAndSixtyFourMebibytesInTmpInTheSandbox() {
        CalibreSettings settings = load(dir, Map.of());
        assertEquals(new CalibreSettings(Path.of("/usr/bin/ebook-convert"), Duration.ofMinutes(5), 64 << 20,
                Path.of("/tmp"), 512 << 20, true, Path.of("/usr/bin/bwrap")), settings);
    }

    @Test
    void takesValuesFromTheFileAndFromEdepositVariables() throws Exception {
        Files.writeString(dir.resolve("calibre.json"), "{\"CALIBRE_TIMEOUT_SECONDS\": \"30\", \"CALIBRE_TEMP_DIR\": \""
                + dir + "\"}");
        CalibreSettings settings = load(dir, Map.of("EDEPOSIT_CALIBRE_MAX_OUTPUT_BYTES", "1000"));
        assertEquals(Duration.ofSeconds(30), settings.timeout());
        assertEquals(1000, settings.maxOutputBytes());
        assertEquals(dir, settings.tempDir());
    }

    @Test
    void refusesOutOfRangeNumbersNamingKeyValueAndWhereToFixIt() {
        ConfigException timeout = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_CALIBRE_TIMEOUT_SECONDS", "0")));
        assertEquals("EDEPOSIT_CALIBRE_TIMEOUT_SECONDS: must be a number of seconds from 1 to 86400, not \"0\"",
                timeout.getMessage());
        ConfigException size = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_CALIBRE_MAX_OUTPUT_BYTES", "2147483648")));
        assertEquals("EDEPOSIT_CALIBRE_MAX_OUTPUT_BYTES: must be a number of bytes from 1 to 1073741824 (1 GiB),"
                + " not \"2147483648\"", size.getMessage());
    }

    @Test
    void refusesARelativeOrMissingTempDirAndARelativeConverterPath() {
        assertTrue(assertThrows(ConfigException.class, () -> load(dir, Map.of("EDEPOSIT_CALIBRE_TEMP_DIR", "tmp")))
                .getMessage().equals("EDEPOSIT_CALIBRE_TEMP_DIR: must be an absolute path, not \"tmp\""));
        String missing = dir.resolve("missing").toString();
        assertTrue(assertThrows(ConfigException.class, () -> load(dir, Map.of("EDEPOSIT_CALIBRE_TEMP_DIR", missing)))
                .getMessage().startsWith("EDEPOSIT_CALIBRE_TEMP_DIR: " + missing + " is not an existing directory"));
        assertTrue(assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_CALIBRE_EBOOK_CONVERT", "ebook-convert")))
                .getMessage().equals("EDEPOSIT_CALIBRE_EBOOK_CONVERT: must be an absolute path, not \"ebook-convert\""));
    }
}
