package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A daemon whose module settings stop its start reports only that error: the warning about an
 * {@code amqp.json} that others may read comes only once the start got past the handler's checks.
 */
class PasswordWarningOrderTest {

    @TempDir
    Path dir;

    @Test
    void aModuleSettingsErrorIsTheOnlyLineEvenWithAReadablePasswordFile() throws Exception {
        Path amqp = Files.writeString(dir.resolve("amqp.json"), "{\"RABBITMQ_USER_PASSWORD\": \"s3cret\"}");
        Files.setPosixFilePermissions(amqp, PosixFilePermissions.fromString("rw-r--r--"));
        DaemonSpec refusing = new DaemonSpec("warning-order", "edeposit-warning-orderd", "Refuses its settings.",
                "downloader", () -> EchoDaemon.REQUESTS, environment -> {
                    throw new ConfigException("module.json: MODULE_KEY must be 1-2, not 3");
                }, EchoDaemon.class, WorkKind.SHORT);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (LogCapture warnings = new LogCapture(Class.forName("cz.edeposit.amqp.settings.FilePermissions"))) {
            int status = DaemonCli.run(refusing, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                    "start", "-f", "--config-dir", dir.toString(), "--pid-dir", dir.toString());
            assertEquals(ExitCodes.CONFIG, status);
            assertEquals("edeposit-warning-orderd: error: module.json: MODULE_KEY must be 1-2, not 3\n", err.toString());
            assertEquals(List.of(), warnings.messages());
        }
    }
}
