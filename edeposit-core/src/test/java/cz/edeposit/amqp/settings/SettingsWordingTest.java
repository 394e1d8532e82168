package cz.edeposit.amqp.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every settings error has one wording: where the value came from (the real file or variable), the
 * key, the accepted range with its unit, the bad value, and the real {@code EDEPOSIT_<KEY>} name.
 */
class SettingsWordingTest {

    private static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .seconds("TIMEOUT", 10, 0.001, 86_400)
            .bytes("MAX_SIZE", 64L << 20, 1, 1L << 30)
            .bytes("BUFFER", 4096, 1024, 16L << 20)
            .integer("RECORDS", 30, 1, 1000)
            .path("PROGRAM", "/usr/bin/true")
            .optionalPath("SIGNATURES", "")
            .httpUrl("URL", "http://aleph.nkp.cz")
            .nonBlank("BASE", "nkc")
            .secret("PASSWORD", "guest")
            .build();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("module.json");
    }

    private Settings load(String json, Map<String, String> env) throws IOException {
        Files.writeString(file(), json);
        return Settings.load(SCHEMA, "module.json", new ConfigLocator(dir, Map.of(), dir), env);
    }

    private String fileError(String json) {
        return assertThrows(ConfigException.class, () -> load(json, Map.of())).getMessage();
    }

    private String envError(String variable, String text) {
        return assertThrows(ConfigException.class, () -> load("{}", Map.of(variable, text))).getMessage();
    }

    @Test
    void aValueFromTheFileNamesTheFileTheVariableTheKeyTheRangeWithItsUnitAndTheValue() {
        assertEquals(file() + " (or EDEPOSIT_MAX_SIZE): MAX_SIZE must be a number of bytes from 1 to 1073741824 (1 GiB),"
                + " not 0", fileError("{\"MAX_SIZE\": 0}"));
        assertEquals(file() + " (or EDEPOSIT_TIMEOUT): TIMEOUT must be a number of seconds from 0.001 to 86400, not 86401",
                fileError("{\"TIMEOUT\": 86401}"));
        assertEquals(file() + " (or EDEPOSIT_RECORDS): RECORDS must be a whole number from 1 to 1000, not \"1001\"",
                fileError("{\"RECORDS\": \"1001\"}"));
    }

    @Test
    void aValueFromTheEnvironmentNamesTheRealVariable() {
        assertEquals("EDEPOSIT_MAX_SIZE: must be a number of bytes from 1 to 1073741824 (1 GiB), not \"2147483648\"",
                envError("EDEPOSIT_MAX_SIZE", "2147483648"));
        assertEquals("EDEPOSIT_TIMEOUT: must be a number of seconds from 0.001 to 86400, not \"0\"",
                envError("EDEPOSIT_TIMEOUT", "0"));
        assertEquals("EDEPOSIT_TIMEOUT: must be a number of seconds from 0.001 to 86400, not \"soon\"",
                envError("EDEPOSIT_TIMEOUT", "soon"));
    }

    @Test
    void aWrongTypeAndAnOutOfRangeNumberShareTheWording() {
        assertEquals(file() + " (or EDEPOSIT_BUFFER): BUFFER must be a number of bytes from 1024 (1 KiB) to 16777216"
                + " (16 MiB), not 1.5", fileError("{\"BUFFER\": 1.5}"));
        assertEquals(file() + " (or EDEPOSIT_BUFFER): BUFFER must be a number of bytes from 1024 (1 KiB) to 16777216"
                + " (16 MiB), not 1000", fileError("{\"BUFFER\": 1000}"));
    }

    @Test
    void pathsUrlsAndNamesAreCheckedWhenRead() {
        assertEquals(file() + " (or EDEPOSIT_PROGRAM): PROGRAM must be an absolute path, not \"bin/true\"",
                fileError("{\"PROGRAM\": \"bin/true\"}"));
        assertEquals("EDEPOSIT_SIGNATURES: must be an absolute path, or \"\" for none, not \"sigs\"",
                envError("EDEPOSIT_SIGNATURES", "sigs"));
        assertEquals(file() + " (or EDEPOSIT_URL): URL must be an http:// or https:// URL with a host and no query,"
                + " such as http://aleph.nkp.cz, not \"ftp://x\"", fileError("{\"URL\": \"ftp://x\"}"));
        assertEquals(file() + " (or EDEPOSIT_BASE): BASE must be a non-blank string, not \" \"",
                fileError("{\"BASE\": \" \"}"));
    }

    @Test
    void aSecretIsDescribedByItsShapeOnly() {
        assertEquals(file() + " (or EDEPOSIT_PASSWORD): PASSWORD must be a string (or a whole number), not a decimal number",
                fileError("{\"PASSWORD\": 1.5}"));
    }

    @Test
    void goodValuesAreReadInTheirUnits() throws IOException {
        Settings settings = load("{\"TIMEOUT\": 1.5, \"PROGRAM\": \"/usr/bin/../bin/env\", \"URL\": \"https://x.cz/\","
                + " \"BASE\": \" cze \"}", Map.of("EDEPOSIT_MAX_SIZE", "2048", "EDEPOSIT_SIGNATURES", "/srv/sigs"));
        assertEquals(Duration.ofMillis(1500), settings.duration("TIMEOUT"));
        assertEquals(2048, settings.bytes("MAX_SIZE"));
        assertEquals(Path.of("/usr/bin/env"), settings.path("PROGRAM"));
        assertEquals(Optional.of(Path.of("/srv/sigs")), settings.optionalPath("SIGNATURES"));
        assertEquals(URI.create("https://x.cz"), settings.url("URL"));
        assertEquals("cze", settings.string("BASE"));
        assertEquals(Optional.empty(), load("{}", Map.of()).optionalPath("SIGNATURES"));
    }

    @Test
    void aDaemonsOwnCheckIsWordedLikeTheOthersForEachOrigin() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Settings fromFile = load("{\"RECORDS\": 5}", Map.of("EDEPOSIT_BASE", "x"));
        assertEquals(file() + " (or EDEPOSIT_RECORDS): RECORDS is too few for this catalogue",
                fromFile.invalid("RECORDS", "is too few for this catalogue").getMessage());
        assertEquals("EDEPOSIT_BASE: is not a base of this catalogue",
                fromFile.invalid("BASE", "is not a base of this catalogue").getMessage());
        assertEquals("the default (no module.json found; or EDEPOSIT_PROGRAM): PROGRAM /usr/bin/true is not calibre",
                Settings.load(SCHEMA, "module.json", new ConfigLocator(empty, Map.of(), empty), Map.of())
                        .invalid("PROGRAM", "/usr/bin/true is not calibre").getMessage());
    }

    @Test
    void aDefaultOutsideItsOwnRangeIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().bytes("B", 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().seconds("S", 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().integer("I", 5, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().path("P", "relative"));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().httpUrl("U", "file:///x"));
    }
}
