package cz.edeposit.amqp.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A {@code strings} setting: a JSON array of strings, or one string with commas, worded like every other kind when wrong. */
class StringListSettingTest {

    private static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .strings("NETWORKS", List.of("10.0.0.0/8", " 192.168.0.0/16 "))
            .strings("EXTRA", List.of())
            .build();

    @TempDir
    Path dir;

    private Settings load(String json, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("module.json"), json);
        return Settings.load(SCHEMA, "module.json", new ConfigLocator(dir, Map.of(), dir), env);
    }

    @Test
    void defaultsAreStrippedAndAnEmptyListIsAllowed() throws IOException {
        Settings settings = load("{}", Map.of());
        assertEquals(List.of("10.0.0.0/8", "192.168.0.0/16"), settings.strings("NETWORKS"));
        assertEquals(List.of(), settings.strings("EXTRA"));
    }

    @Test
    void readsAJsonArrayOrOneStringWithCommasFromTheFile() throws IOException {
        Settings settings = load("{\"NETWORKS\": [\" 127.0.0.0/8\", \"::1/128\"], \"EXTRA\": \"a, b,,c \"}", Map.of());
        assertEquals(List.of("127.0.0.0/8", "::1/128"), settings.strings("NETWORKS"));
        assertEquals(List.of("a", "b", "c"), settings.strings("EXTRA"));
        assertEquals(List.of(), load("{\"NETWORKS\": []}", Map.of()).strings("NETWORKS"));
    }

    @Test
    void theEnvironmentGivesItemsSeparatedByCommasAndAnEmptyTextIsTheEmptyList() throws IOException {
        Settings settings = load("{\"NETWORKS\": [\"10.0.0.0/8\"]}",
                Map.of("EDEPOSIT_NETWORKS", "127.0.0.0/8, ::1/128", "EDEPOSIT_EXTRA", ""));
        assertEquals(List.of("127.0.0.0/8", "::1/128"), settings.strings("NETWORKS"));
        assertEquals(List.of(), settings.strings("EXTRA"));
    }

    @Test
    void refusesOtherValuesWithTheOneWording() {
        Path file = dir.resolve("module.json");
        String expected = " must be a list of strings (a JSON array of strings, or one string with commas between the items), not ";
        assertEquals(file + " (or EDEPOSIT_NETWORKS): NETWORKS" + expected + "[1,\"a\"]",
                assertThrows(ConfigException.class, () -> load("{\"NETWORKS\": [1, \"a\"]}", Map.of())).getMessage());
        assertEquals(file + " (or EDEPOSIT_NETWORKS): NETWORKS" + expected + "[\" \"]",
                assertThrows(ConfigException.class, () -> load("{\"NETWORKS\": [\" \"]}", Map.of())).getMessage());
        assertEquals(file + " (or EDEPOSIT_NETWORKS): NETWORKS" + expected + "an object",
                assertThrows(ConfigException.class, () -> load("{\"NETWORKS\": {}}", Map.of())).getMessage());
        assertEquals(file + " (or EDEPOSIT_NETWORKS): NETWORKS" + expected + "5",
                assertThrows(ConfigException.class, () -> load("{\"NETWORKS\": 5}", Map.of())).getMessage());
    }

    @Test
    void aDefaultWithABlankItemIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().strings("L", List.of("a", " ")));
    }
}
