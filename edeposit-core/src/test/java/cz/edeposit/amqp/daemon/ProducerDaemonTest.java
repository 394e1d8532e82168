package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A daemon that consumes nothing ({@link DaemonSpec#producer}) has the command line of the others: a bad module
 * setting is one line and exit 78, {@code status} of one that is not running exits 3, and it has no handler.
 * Its start, status and stop through the broker are FtpMonitorDaemonIT's (edeposit-dist).
 */
class ProducerDaemonTest {

    @TempDir
    Path dir;

    private static DaemonSpec spec(ProducerFactory factory) {
        return DaemonSpec.producer("producer-test", "edeposit-producer-testd", "Publishes what it finds.",
                "downloader", factory, EchoDaemon.class);
    }

    @Test
    void aBadModuleSettingStopsTheStartWithOneLineAndExit78() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DaemonCli.run(spec(environment -> {
            throw new ConfigException("producer.json: LOG_FILE must be a path");
        }), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                "start", "-f", "--config-dir", dir.toString(), "--pid-dir", dir.toString());
        assertEquals(ExitCodes.CONFIG, status);
        assertEquals("edeposit-producer-testd: error: producer.json: LOG_FILE must be a path\n", err.toString());
        assertFalse(Files.exists(dir.resolve("edeposit-producer-test.pid")));
    }

    @Test
    void statusOfAProducerThatIsNotRunningExits3AndItHasNoHandler() throws Exception {
        StringWriter out = new StringWriter();
        DaemonSpec spec = spec(environment -> null);
        int status = DaemonCli.run(spec, Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "status", "--pid-dir", dir.toString());
        assertEquals(ExitCodes.NOT_RUNNING, status);
        assertTrue(out.toString().contains("edeposit-producer-testd is not running"), out.toString());
        assertThrows(IllegalStateException.class, () -> spec.handlers().create(null));
        assertTrue(EchoDaemon.REQUESTS.byName("Echo").isPresent());
        assertTrue(spec.requests().get().byName("Echo").isEmpty(), "it decodes nothing, not even its main class's types");
    }
}
