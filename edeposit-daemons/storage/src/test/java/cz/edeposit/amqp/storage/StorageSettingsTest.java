package cz.edeposit.amqp.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageSettingsTest {

    @TempDir
    Path dir;

    private String dirs() throws IOException {
        for (String name : List.of("pub", "priv", "arch")) {
            Files.createDirectories(dir.resolve(name));
        }
        return "\"PUBLIC_DIR\": \"" + dir.resolve("pub") + "\", \"PRIVATE_DIR\": \"" + dir.resolve("priv")
                + "\", \"ARCHIVE_DIR\": \"" + dir.resolve("arch") + "\"";
    }

    private StorageSettings load(String json, Map<String, String> env) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("storage.json"), json);
        return StorageSettings.load(new DaemonEnvironment(new ConfigLocator(conf, env, conf), env, null, 1));
    }

    @Test
    void theShippedConfigHoldsEveryKeyWithItsDefault() throws IOException {
        Path shipped = Path.of("..", "config", "storage.json");
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(shipped, StandardCharsets.UTF_8)).fieldNames()
                .forEachRemaining(keys::add);
        assertEquals(List.copyOf(StorageSettings.SCHEMA.keys()), keys);
        Files.copy(shipped, dir.resolve("storage.json"));
        ConfigLocator locator = new ConfigLocator(dir, Map.of(), dir);
        assertEquals(Settings.load(StorageSettings.SCHEMA, "none.json", locator, Map.of()).toString()
                        .replace("source=none", ""),
                Settings.load(StorageSettings.SCHEMA, StorageSettings.FILE, locator, Map.of()).toString()
                        .replace("source=" + dir.resolve("storage.json"), ""),
                "every value in the shipped file is the default");
    }

    @Test
    void readsTheDirectoriesAndBuildsUrlsFromAddressAndPortWithoutPort80() throws IOException {
        StorageSettings settings = load("{" + dirs() + ", \"WEB_ADDR\": \"127.0.0.1\", \"WEB_PORT\": 80,"
                + " \"ZEO_SERVER_PATH\": \"/etc/zeo.conf\", \"WEB_SERVER\": \"paste\", \"WEB_DB_TIMEOUT\": 10}", Map.of());
        assertEquals(dir.resolve("pub"), settings.publicDir());
        assertEquals(URI.create("http://127.0.0.1"), settings.web().baseUrl());
        assertNull(settings.hnasIndicator());
        assertTrue(settings.database().url().startsWith("jdbc:h2:file:/var/lib/edeposit/storage"));
        assertEquals(URI.create("http://localhost:8080"), load("{" + dirs() + "}", Map.of()).web().baseUrl());
    }

    @Test
    void aPublicUrlReplacesAddressAndPortInReplies() throws IOException {
        StorageSettings settings = load("{" + dirs() + ", \"WEB_PUBLIC_URL\": \"https://storage.example.org/\"}",
                Map.of());
        assertEquals(URI.create("https://storage.example.org"), settings.web().baseUrl());
        assertEquals(8080, settings.web().port());
    }

    @Test
    void aMissingDirectoryStopsTheStartNamingTheKey() throws IOException {
        String json = "{" + dirs().replace(dir.resolve("arch").toString(), dir.resolve("nowhere").toString()) + "}";
        ConfigException e = assertThrows(ConfigException.class, () -> load(json, Map.of()));
        assertTrue(e.getMessage().contains("ARCHIVE_DIR"), e.getMessage());
        ConfigException unset = assertThrows(ConfigException.class, () -> load("{}", Map.of()));
        assertTrue(unset.getMessage().contains("PUBLIC_DIR"), unset.getMessage());
    }

    @Test
    void aReadOnlyDirectoryStopsTheStart() throws IOException {
        String json = "{" + dirs() + "}";
        assertTrue(dir.resolve("priv").toFile().setWritable(false));
        try {
            // root may write anywhere: then the check cannot fail and says nothing
            if (!Files.isWritable(dir.resolve("priv"))) {
                ConfigException e = assertThrows(ConfigException.class, () -> load(json, Map.of()));
                assertTrue(e.getMessage().contains("PRIVATE_DIR"), e.getMessage());
            }
        } finally {
            assertTrue(dir.resolve("priv").toFile().setWritable(true));
        }
    }

    @Test
    void aPrivateIndexNeedsAPassword() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{" + dirs() + ", \"PRIVATE_INDEX\": true}", Map.of()));
        assertTrue(e.getMessage().contains("PRIVATE_INDEX_PASSWORD"), e.getMessage());
        StorageSettings ok = load("{" + dirs() + ", \"PRIVATE_INDEX\": true, \"PRIVATE_INDEX_PASSWORD\": \"s3cret\"}",
                Map.of());
        assertTrue(ok.web().privateIndex());
        assertFalse(ok.web().toString().contains("s3cret"));
    }

    @Test
    void theHnasIndicatorMustBeAnAbsolutePathWhenAllowed() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{" + dirs() + ", \"HNAS_IND_ALLOWED\": true}", Map.of()));
        assertTrue(e.getMessage().contains("HNAS_INDICATOR"), e.getMessage());
        assertEquals(dir.resolve("mounted"), load("{" + dirs() + ", \"HNAS_IND_ALLOWED\": true, \"HNAS_INDICATOR\": \""
                + dir.resolve("mounted") + "\"}", Map.of()).hnasIndicator());
    }

    @Test
    void settingsPathNamesTheFileBeforeTheUsualPlaces() throws IOException {
        Path other = dir.resolve("elsewhere.json");
        Files.writeString(other, "{" + dirs() + ", \"WEB_PORT\": 9999}");
        Map<String, String> env = new HashMap<>(Map.of("SETTINGS_PATH", other.toString()));
        assertEquals(9999, load("{\"WEB_PORT\": 1}", env).web().port());
        env.put("SETTINGS_PATH", dir.resolve("missing.json").toString());
        ConfigException e = assertThrows(ConfigException.class, () -> load("{}", env));
        assertTrue(e.getMessage().contains("SETTINGS_PATH"), e.getMessage());
    }

    @Test
    void refusesADatabaseOtherThanH2OrPostgresql() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{" + dirs() + ", \"STORAGE_DB_URL\": \"jdbc:mysql://x/y\"}", Map.of()));
        assertTrue(e.getMessage().contains("STORAGE_DB_URL"), e.getMessage());
        assertTrue(load("{" + dirs() + ", \"STORAGE_DB_URL\": \"jdbc:postgresql://127.0.0.1/x\"}", Map.of())
                .database().postgresql());
    }
}
