package cz.edeposit.amqp.ltp;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code ltp.json}: the defaults, the example the distribution ships, overrides and bad values. */
class LtpSettingsTest {

    /** The example settings the distribution ships, in the repository's top-level config/. */
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    private static LtpSettings load(Path configDir, Map<String, String> env) {
        return LtpSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, env, configDir), env, null, 1));
    }

    private Map<String, String> exportHere() throws Exception {
        return Map.of("EDEPOSIT_EXPORT_DIR", Files.createDirectories(dir.resolve("export")).toString());
    }

    @Test
    void defaultsToTheOriginalsDirectoriesJavasTemporaryDirectoryAndAHundredMiB() throws Exception {
        LtpSettings settings = load(dir, exportHere());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), settings.tempDir());
        assertEquals(Path.of("/home/ltp/ltp2edep"), settings.importDir());
        assertEquals("complete_", settings.exportPrefix());
        assertEquals(100L << 20, settings.maxFileBytes());
        assertEquals(List.of("TEMP_DIR", "EXPORT_DIR", "IMPORT_DIR", "EXPORT_PREFIX", "LTP_MAX_FILE_BYTES"),
                List.copyOf(LtpSettings.SCHEMA.keys()));
    }

    @Test
    void theShippedExampleListsEveryKeyWithItsDefault() throws Exception {
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(SHIPPED.resolve(LtpSettings.FILE).toFile()).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(LtpSettings.SCHEMA.keys()), keys);
        assertEquals(load(dir, exportHere()), load(SHIPPED, exportHere()));
    }

    @Test
    void readsTheFileAndLetsTheEnvironmentOverrideIt() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve("ltp.json"), "{\"TEMP_DIR\": \"" + temp + "\", \"EXPORT_PREFIX\": \"ready_\","
                + " \"LTP_MAX_FILE_BYTES\": 2048}");
        LtpSettings settings = load(dir, Map.of("EDEPOSIT_EXPORT_DIR", temp.toString(),
                "EDEPOSIT_LTP_MAX_FILE_BYTES", "1000"));
        assertEquals(temp, settings.tempDir());
        assertEquals(temp, settings.exportDir());
        assertEquals("ready_", settings.exportPrefix());
        assertEquals(1000, settings.maxFileBytes());
    }

    @Test
    void aMissingExportDirectoryIsOneLineNamingTheKeyAndTheFix() {
        Path missing = dir.resolve("nowhere");
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_EXPORT_DIR", missing.toString())));
        assertEquals("EDEPOSIT_EXPORT_DIR: names " + missing + ", which is not a directory; create it (writable by"
                + " the daemon's user) or point EXPORT_DIR elsewhere", e.getMessage());
    }

    @Test
    void refusesAPrefixThatCouldLeaveTheExportDirectoryOrHideThePackage() throws Exception {
        for (String prefix : List.of("../x_", "a/b", ".hidden_")) {
            Map<String, String> env = new java.util.HashMap<>(exportHere());
            env.put("EDEPOSIT_EXPORT_PREFIX", prefix);
            ConfigException e = assertThrows(ConfigException.class, () -> load(dir, env));
            assertEquals("EDEPOSIT_EXPORT_PREFIX: must be 1 to 64 letters, digits, '_' or '-' (it starts the package's"
                    + " directory name), not \"" + prefix + "\"", e.getMessage());
        }
    }

    @Test
    void theFileLimitCannotExceedWhatTheRequestBodyLimitLetsThrough() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(exportHere());
        env.put("EDEPOSIT_LTP_MAX_FILE_BYTES", "104857601");
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, env));
        assertEquals("EDEPOSIT_LTP_MAX_FILE_BYTES: must be a number of bytes from 1 to 104857600 (100 MiB), not"
                + " \"104857601\"", e.getMessage());
        assertEquals(true, (100L << 20) / 3 * 4 * 80 / 76 < LtpDaemon.MAX_REQUEST_BYTES - (8L << 20),
                "a file at the limit, as MIME base64 with its line breaks escaped in JSON, and a record of 8 Mi"
                        + " characters fit the request body limit");
    }
}
