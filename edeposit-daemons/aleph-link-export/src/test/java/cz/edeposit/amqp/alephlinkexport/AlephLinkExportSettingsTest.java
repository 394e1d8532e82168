package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AlephLinkExportSettingsTest {

    @TempDir
    Path dir;

    private AlephLinkExportSettings load(Map<String, String> env) {
        return AlephLinkExportSettings.load(new DaemonEnvironment(new ConfigLocator(dir, env, dir), env, null, 1));
    }

    @Test
    void theShippedConfigFileHoldsEveryKeyWithItsDefault() throws Exception {
        Files.copy(Path.of("..", "config", AlephLinkExportSettings.FILE), dir.resolve(AlephLinkExportSettings.FILE));
        Settings file = Settings.load(AlephLinkExportSettings.SCHEMA, AlephLinkExportSettings.FILE,
                new ConfigLocator(dir, Map.of(), dir), Map.of());
        assertEquals(List.of(), file.warnings());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Settings defaults = Settings.load(AlephLinkExportSettings.SCHEMA, AlephLinkExportSettings.FILE,
                new ConfigLocator(empty, Map.of(), empty), Map.of());
        assertEquals(defaults.toString().replace("source=none", "source=" + dir.resolve(AlephLinkExportSettings.FILE)),
                file.toString());
        assertEquals(7, AlephLinkExportSettings.SCHEMA.keys().size());
    }

    @Test
    void theDefaultsAreTheOriginalsWithAJsonStore() {
        Assumptions.assumeFalse(Files.exists(Path.of("/home/aleph_export/edep2aleph")), "a real Aleph exchange here");
        ConfigException error = assertThrows(ConfigException.class, () -> load(Map.of()));
        // No /home/aleph_export here: the defaults are read, then the first directory is missing.
        assertEquals("the default (no aleph_export.json found; or EDEPOSIT_REQUEST_FN): REQUEST_FN names /home/aleph_export/edep2aleph/requests.xml, whose"
                + " directory /home/aleph_export/edep2aleph does not exist; create it (writable by the daemon's user)"
                + " or point REQUEST_FN elsewhere", error.getMessage());
    }

    @Test
    void takesTheFilesFromTheEnvironmentAndChecksEachDirectory() throws Exception {
        ExchangeDirs dirs = ExchangeDirs.in(dir);
        Map<String, String> env = Map.of("EDEPOSIT_REQUEST_FN", dirs.requests().toString(),
                "EDEPOSIT_RESPONSE_FN", dirs.responses().toString(), "EDEPOSIT_DATABASE_FN", dirs.database().toString(),
                "EDEPOSIT_LOG_FN", dirs.log().toString(), "EDEPOSIT_DATABASE_KEY", "request_database");
        assertEquals(dirs.settings(), load(env));
        Map<String, String> noLogDir = new java.util.HashMap<>(env);
        noLogDir.put("EDEPOSIT_LOG_FN", dir.resolve("logs/link_export.log").toString());
        ConfigException error = assertThrows(ConfigException.class, () -> load(noLogDir));
        assertEquals("EDEPOSIT_LOG_FN: names " + dir.resolve("logs/link_export.log") + ", whose directory "
                + dir.resolve("logs") + " does not exist; create it (writable by the daemon's user) or point LOG_FN"
                + " elsewhere", error.getMessage());
        noLogDir.put("EDEPOSIT_LOGGING_ENABLED", "false");
        assertEquals(false, load(noLogDir).loggingEnabled(), "without logging LOG_FN's directory is not needed");
    }

    @Test
    void refusesASchemaLinkWithSpacesAndARelativePath() throws Exception {
        ExchangeDirs dirs = ExchangeDirs.in(dir);
        Files.writeString(dir.resolve("aleph_export.json"), dirs.settingsJson().replace("}",
                ", \"EXPORT_XSD_LINK\": \"http://a/x.xsd http://b/y.xsd\"}"));
        assertEquals(dir.resolve("aleph_export.json") + " (or EDEPOSIT_EXPORT_XSD_LINK): EXPORT_XSD_LINK must be one URI without spaces, not"
                + " \"http://a/x.xsd http://b/y.xsd\"", assertThrows(ConfigException.class, () -> load(Map.of())).getMessage());
        assertEquals("EDEPOSIT_DATABASE_FN: must be an absolute path, not \"db.json\"",
                assertThrows(ConfigException.class, () -> load(Map.of("EDEPOSIT_DATABASE_FN", "db.json"))).getMessage());
    }
}
