package cz.edeposit.amqp.settings;

import cz.edeposit.amqp.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The warning about a readable password file is one line, and never comes before the error that stops the command. */
class PasswordFileWarningTest {

    @TempDir
    Path dir;

    private Path readableAmqpJson(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("amqp.json"), json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private AmqpSettings load() {
        return AmqpSettings.load(new ConfigLocator(dir, Map.of(), dir), Map.of());
    }

    @Test
    void aBadValueInTheSameFileIsReportedWithoutTheWarning() throws Exception {
        readableAmqpJson("{\"RABBITMQ_USER_PASSWORD\": \"s3cret\", \"RABBITMQ_PORT\": 70000}");
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            assertThrows(ConfigException.class, this::load);
            assertEquals(List.of(), log.messages());
        }
    }

    @Test
    void aRefusalAfterTheValuesAreReadIsReportedWithoutTheWarningToo() throws Exception {
        readableAmqpJson("{\"RABBITMQ_USER_PASSWORD\": \"s3cret\", \"RABBITMQ_USE_TLS\": true,"
                + " \"RABBITMQ_TLS_CA_FILE\": \"" + dir.resolve("missing.pem") + "\"}");
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            assertThrows(ConfigException.class, this::load);
            assertEquals(List.of(), log.messages());
        }
    }

    @Test
    void settingsThatLoadCleanlyGiveTheWarningOnceOnOneLine() throws Exception {
        Path file = readableAmqpJson("{\"RABBITMQ_USER_PASSWORD\": \"s3cret\"}");
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            load();
            assertEquals(List.of(file + " holds a password (RABBITMQ_USER_PASSWORD) and is readable by other users"
                    + " (rw-r--r--); restrict it with: chmod o-rwx " + file
                    + " (the daemons read it through its group: mode 0640, owner root, group edeposit, as docs/operations.md installs it)"), log.messages());
        }
    }

    @Test
    void theDocumentedModeReadableByTheDaemonsGroupGivesNoWarning() throws Exception {
        Path file = readableAmqpJson("{\"RABBITMQ_USER_PASSWORD\": \"s3cret\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            load();
            assertEquals(List.of(), log.messages());
        }
    }

    @Test
    void aModuleViewThatRefusesTheSettingsSuppressesTheWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("module.json"), "{\"TOKEN\": \"s3cret\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SettingsSchema schema = SettingsSchema.builder().secret("TOKEN", "").build();
        ConfigLocator locator = new ConfigLocator(dir, Map.of(), dir);
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            assertThrows(ConfigException.class, () -> Settings.load(schema, "module.json", locator, Map.of(),
                    settings -> {
                        throw settings.invalid("TOKEN", "is not accepted by the catalogue");
                    }));
            assertEquals(List.of(), log.messages());
            Settings.load(schema, "module.json", locator, Map.of(), settings -> settings);
            assertEquals(1, log.messages().size(), log.messages().toString());
        }
    }

    @Test
    void loadingQuietlyLeavesTheWarningToTheDaemonWhichGivesItOnce() throws Exception {
        Path file = readableAmqpJson("{\"RABBITMQ_USER_PASSWORD\": \"s3cret\"}");
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            AmqpSettings settings = AmqpSettings.loadQuietly(new ConfigLocator(dir, Map.of(), dir), Map.of());
            assertEquals(List.of(), log.messages());
            settings.warnIfPasswordFileIsReadable();
            assertEquals(1, log.messages().size(), log.messages().toString());
            assertEquals(true, log.messages().get(0).startsWith(file + " holds a password"), log.messages().toString());
        }
    }
}
