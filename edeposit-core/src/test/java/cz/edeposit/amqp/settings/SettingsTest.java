package cz.edeposit.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SettingsTest {
    static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .string("NAME", "n")
            .integer("COUNT", 3)
            .bool("ENABLED", false)
            .decimal("RATIO", 0.5)
            .port("PORT", "5672")
            .secret("TOKEN", "t0k3n")
            .build();

    @TempDir
    Path dir;

    private Settings load(String json) throws IOException {
        return load(json, Map.of());
    }

    private Settings load(String json, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("x.json"), json);
        return Settings.load(SCHEMA, "x.json", new ConfigLocator(dir, Map.of(), dir.resolve("etc")), env);
    }

    private ConfigException failure(String json) {
        return assertThrows(ConfigException.class, () -> load(json));
    }

    private String file() {
        return dir.resolve("x.json").toString();
    }

    @Test
    void defaultsApplyWithoutFile() {
        Settings s = Settings.load(SCHEMA, "x.json", new ConfigLocator(dir, Map.of(), dir), Map.of());
        assertEquals("n", s.string("NAME"));
        assertEquals(3, s.integer("COUNT"));
        assertEquals(false, s.bool("ENABLED"));
        assertEquals(0.5, s.decimal("RATIO"));
        assertEquals(5672, s.port("PORT"));
        assertEquals("5672", s.string("PORT"));
        assertEquals("t0k3n", s.string("TOKEN"));
        assertEquals(Optional.empty(), s.source());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void fileValuesOfEveryKindAreApplied() throws IOException {
        Settings s = load("{\"NAME\": \"x\", \"COUNT\": 7, \"ENABLED\": true, \"RATIO\": 2, \"PORT\": 2222, \"TOKEN\": \"s\"}");
        assertEquals("x", s.string("NAME"));
        assertEquals(7, s.integer("COUNT"));
        assertEquals(true, s.bool("ENABLED"));
        assertEquals(2.0, s.decimal("RATIO"));
        assertEquals(2222, s.port("PORT"));
        assertEquals("s", s.string("TOKEN"));
        assertEquals(Optional.of(dir.resolve("x.json")), s.source());
    }

    @Test
    void numericStringsAreAcceptedForNumberKinds() throws IOException {
        Settings s = load("{\"COUNT\": \" -12 \", \"ENABLED\": \"true\", \"RATIO\": \"1e-3\", \"PORT\": \"2222\"}");
        assertEquals(-12, s.integer("COUNT"));
        assertEquals(true, s.bool("ENABLED"));
        assertEquals(0.001, s.decimal("RATIO"));
        assertEquals(2222, s.port("PORT"));
    }

    @Test
    void integralNumberForStringBecomesItsDecimalText() throws IOException {
        assertEquals("42", load("{\"NAME\": 42}").string("NAME"));
        assertEquals("123456789012345678901234567890", load("{\"NAME\": 123456789012345678901234567890}").string("NAME"));
    }

    @Test
    void rejectsFractionForStringWithFileAndKeyInMessage() {
        assertEquals(file() + " (or EDEPOSIT_NAME): NAME must be a string (or a whole number), not 1.5", failure("{\"NAME\": 1.5}").getMessage());
    }

    @Test
    void rejectsBooleanForString() {
        assertEquals(file() + " (or EDEPOSIT_NAME): NAME must be a string (or a whole number), not the boolean true",
                failure("{\"NAME\": true}").getMessage());
    }

    @Test
    void rejectsNullListAndObject() {
        assertEquals(file() + " (or EDEPOSIT_COUNT): COUNT must be a whole number from -9223372036854775808 to 9223372036854775807, not null",
                failure("{\"COUNT\": null}").getMessage());
        assertEquals(file() + " (or EDEPOSIT_ENABLED): ENABLED must be true or false, not a list", failure("{\"ENABLED\": [true]}").getMessage());
        assertEquals(file() + " (or EDEPOSIT_RATIO): RATIO must be a number, not an object", failure("{\"RATIO\": {}}").getMessage());
    }

    @Test
    void rejectsWrongScalarsForNumberKinds() {
        assertTrue(failure("{\"COUNT\": 1.5}").getMessage().endsWith("not 1.5"));
        assertTrue(failure("{\"COUNT\": \"ten\"}").getMessage().endsWith("not \"ten\""));
        assertTrue(failure("{\"COUNT\": 99999999999999999999}").getMessage().endsWith("not 99999999999999999999"));
        assertTrue(failure("{\"ENABLED\": \"yes\"}").getMessage().endsWith("must be true or false, not \"yes\""));
        assertTrue(failure("{\"ENABLED\": 1}").getMessage().endsWith("must be true or false, not 1"));
        assertTrue(failure("{\"RATIO\": \"NaN\"}").getMessage().endsWith("must be a number, not \"NaN\""));
        assertTrue(failure("{\"RATIO\": 1e999}").getMessage().contains("RATIO must be a number"));
    }

    @Test
    void rejectsPortsOutOfRangeOrNotNumeric() {
        assertEquals(file() + " (or EDEPOSIT_PORT): PORT must be a port number from 1 to 65535, not 70000", failure("{\"PORT\": 70000}").getMessage());
        assertTrue(failure("{\"PORT\": 0}").getMessage().endsWith("not 0"));
        assertTrue(failure("{\"PORT\": \"65536\"}").getMessage().endsWith("not \"65536\""));
        assertTrue(failure("{\"PORT\": \"-1\"}").getMessage().endsWith("not \"-1\""));
        assertTrue(failure("{\"PORT\": 5672.5}").getMessage().endsWith("not 5672.5"));
    }

    @Test
    void longStringsAreShortenedInMessages() {
        String message = failure("{\"PORT\": \"" + "9".repeat(200) + "\"}").getMessage();
        assertTrue(message.length() < file().length() + 140, message);
    }

    @Test
    void unknownKeyWarnsAndIsListed() throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(Settings.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Settings s = load("{\"FOO\": 1, \"NAME\": \"kept\"}");
            String expected = "Ignoring unknown setting 'FOO' in " + file();
            assertEquals(List.of(expected), s.warnings());
            assertEquals("kept", s.string("NAME"));
            assertTrue(appender.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().equals(expected)), appender.list.toString());
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void unknownKeyDifferingOnlyInCaseSuggestsTheRealKey() throws IOException {
        Settings s = load("{\"name\": \"x\"}");
        assertEquals("n", s.string("NAME"));
        assertEquals(List.of("Ignoring unknown setting 'name' in " + file()
                + " (keys are case-sensitive; did you mean 'NAME'?)"), s.warnings());
    }

    @Test
    void invalidJsonNamesFileLineAndColumn() {
        String message = failure("{\n  \"NAME\": \"x\",\n    }\n").getMessage();
        assertTrue(message.startsWith(file() + ": invalid JSON at line 3, column 5: Unexpected character ('}'"), message);
    }

    @Test
    void trailingContentAfterObjectIsInvalidJson() {
        String message = failure("{\"NAME\": \"x\"}\n{}").getMessage();
        assertTrue(message.startsWith(file() + ": invalid JSON at line 2, column 1"), message);
    }

    @Test
    void topLevelListIsRejectedWithPosition() {
        assertEquals(file() + ": at line 1, column 3: the settings must be a JSON object such as "
                + "{\"RABBITMQ_HOST\": \"localhost\"}, not a list", failure("  [1]").getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        assertTrue(failure(" \n").getMessage().startsWith(file() + ": the file is empty"));
    }

    @Test
    void unreadableFileIsAConfigException() throws IOException {
        Files.createDirectories(dir.resolve("x.json"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.load(SCHEMA, "x.json", new ConfigLocator(dir, Map.of(), dir), Map.of()));
        assertTrue(e.getMessage().startsWith(file() + ": cannot read it"), e.getMessage());
    }

    @Test
    void environmentOverridesFileAndDefaults() throws IOException {
        Settings s = load("{\"NAME\": \"file\", \"PORT\": 1}", Map.of("EDEPOSIT_NAME", "env", "EDEPOSIT_COUNT", "9",
                "EDEPOSIT_ENABLED", "true", "EDEPOSIT_TOKEN", ""));
        assertEquals("env", s.string("NAME"));
        assertEquals(1, s.port("PORT"));
        assertEquals(9, s.integer("COUNT"));
        assertEquals(true, s.bool("ENABLED"));
        assertEquals(0.5, s.decimal("RATIO"));
        assertEquals("", s.string("TOKEN"));
        assertEquals("EDEPOSIT_NAME", s.origin("NAME"));
        assertEquals(file(), s.origin("PORT"));
        assertEquals("default", s.origin("RATIO"));
        assertEquals(-2.25, load("{\"RATIO\": 1}", Map.of("EDEPOSIT_RATIO", "-2.25")).decimal("RATIO"));
    }

    @Test
    void environmentErrorsNameTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("{}", Map.of("EDEPOSIT_PORT", "abc")));
        assertEquals("EDEPOSIT_PORT: must be a port number from 1 to 65535, not \"abc\"", e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("{}", Map.of("EDEPOSIT_ENABLED", "TRUE")));
        assertEquals("EDEPOSIT_ENABLED: must be true or false, not \"TRUE\"", e.getMessage());
    }

    @Test
    void gettersRejectUnknownKeysAndOtherKinds() throws IOException {
        Settings s = load("{}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.string("MISSING"));
        assertTrue(e.getMessage().contains("MISSING"));
        e = assertThrows(IllegalArgumentException.class, () -> s.integer("NAME"));
        assertTrue(e.getMessage().contains("NAME"));
        assertThrows(IllegalArgumentException.class, () -> s.port("COUNT"));
        assertThrows(IllegalArgumentException.class, () -> s.bool("RATIO"));
        assertThrows(IllegalArgumentException.class, () -> s.decimal("ENABLED"));
    }

    @Test
    void toStringMasksSecrets() throws IOException {
        Settings s = load("{\"TOKEN\": \"hunter2\"}");
        assertTrue(s.toString().contains("TOKEN=****"), s.toString());
        assertTrue(s.toString().contains("NAME=n"), s.toString());
        assertTrue(!s.toString().contains("hunter2"), s.toString());
    }

    @Test
    void schemaKeepsOrderAndRejectsBadDeclarations() {
        assertEquals(List.of("NAME", "COUNT", "ENABLED", "RATIO", "PORT", "TOKEN"), List.copyOf(SCHEMA.keys()));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().string("A", "x").integer("A", 1));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().port("P", "0"));
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.builder().decimal("D", Double.NaN));
    }
}
