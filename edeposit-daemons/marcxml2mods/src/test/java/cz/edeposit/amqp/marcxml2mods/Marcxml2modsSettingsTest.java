package cz.edeposit.amqp.marcxml2mods;

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

/** {@code marcxml2mods.json}: the default, the example the distribution ships, overrides and bad values. */
class Marcxml2modsSettingsTest {

    /** The example settings the distribution ships, in the repository's top-level config/. */
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    private static Marcxml2modsSettings load(Path configDir, Map<String, String> env) {
        return Marcxml2modsSettings.load(new DaemonEnvironment(new ConfigLocator(configDir, env, configDir), env, null, 1));
    }

    @Test
    void defaultsToAThousandRecordsARequest() {
        assertEquals(new Marcxml2modsSettings(1000), load(dir, Map.of()));
    }

    @Test
    void theShippedExampleListsEveryKeyWithItsDefault() throws Exception {
        Path example = SHIPPED.resolve(Marcxml2modsSettings.FILE);
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(example.toFile()).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(Marcxml2modsSettings.SCHEMA.keys()), keys);
        assertEquals(load(dir, Map.of()), load(SHIPPED, Map.of()));
    }

    @Test
    void readsTheFileAndLetsTheEnvironmentOverrideIt() throws Exception {
        Files.writeString(dir.resolve(Marcxml2modsSettings.FILE), "{\"MX2MODS_MAX_RECORDS\": 20}");
        assertEquals(new Marcxml2modsSettings(20), load(dir, Map.of()));
        assertEquals(new Marcxml2modsSettings(7), load(dir, Map.of("EDEPOSIT_MX2MODS_MAX_RECORDS", "7")));
    }

    @Test
    void refusesALimitOutOfRangeNamingTheFileTheKeyAndTheRange() throws Exception {
        Files.writeString(dir.resolve(Marcxml2modsSettings.FILE), "{\"MX2MODS_MAX_RECORDS\": 0}");
        ConfigException zero = assertThrows(ConfigException.class, () -> load(dir, Map.of()));
        assertEquals(dir.resolve(Marcxml2modsSettings.FILE) + " (or EDEPOSIT_MX2MODS_MAX_RECORDS): MX2MODS_MAX_RECORDS"
                + " must be a whole number from 1 to 100000, not 0", zero.getMessage());
        Files.delete(dir.resolve(Marcxml2modsSettings.FILE));
        ConfigException text = assertThrows(ConfigException.class,
                () -> load(dir, Map.of("EDEPOSIT_MX2MODS_MAX_RECORDS", "many")));
        assertEquals("EDEPOSIT_MX2MODS_MAX_RECORDS: must be a whole number from 1 to 100000, not \"many\"",
                text.getMessage());
    }
}
