package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code --metrics-port} and {@code --metrics-address} on the command line; no broker is needed. */
class MetricsOptionsTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        return run(EchoDaemon.SPEC, args);
    }

    private Run run(DaemonSpec spec, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DaemonCli.run(spec, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpListsTheMetricsOptions() {
        Run help = run("--help");
        assertTrue(help.out().contains("--metrics-port=PORT"), help.out());
        assertTrue(help.out().contains("--metrics-address=ADDR"), help.out());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("(default 127.0.0.1: this host only)"), help.out());
    }

    @Test
    void aMetricsPortOutOfRangeIsAUsageErrorNamingIt() {
        for (String bad : new String[] {"0", "65536", "-1"}) {
            Run start = run("start", "-f", "--pid-dir", dir.toString(), "--metrics-port", bad);
            assertEquals(2, start.status(), start.toString());
            assertTrue(start.err().startsWith("--metrics-port must be 1-65535, not " + bad), start.err());
        }
    }

    @Test
    void aMetricsPortInUseGivesOneLineAndStatus1BeforeThePidFileIsWritten(@TempDir Path config) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run start = run("start", "-f", "--config-dir", config.toString(), "--pid-dir", dir.toString(),
                    "--metrics-port", Integer.toString(port));
            assertEquals(1, start.status(), start.toString());
            assertEquals(1, start.err().lines().count(), start.err());
            assertTrue(start.err().startsWith("edeposit-echo-testd: error: --metrics-port " + port
                    + ": cannot listen on 127.0.0.1:" + port + ": "), start.err());
            assertFalse(Files.exists(dir.resolve("edeposit-echo-test.pid")));
        }
    }

    @Test
    void aDaemonWhosePidFileCannotBeWrittenStopsListeningOnItsMetricsPort(@TempDir Path config) throws Exception {
        assertTheFailedStartFreesItsPort(EchoDaemon.SPEC, config);
    }

    @Test
    void aProducerWhosePidFileCannotBeWrittenStopsListeningOnItsMetricsPort(@TempDir Path config) throws Exception {
        DaemonSpec producer = DaemonSpec.producer("producer-test", "edeposit-producer-testd", "Publishes nothing.",
                "downloader", environment -> new Producer() {
                    @Override
                    public void run(Runnable serving) {
                        throw new AssertionError("never runs: its start fails before");
                    }

                    @Override
                    public void stop() {
                    }
                }, EchoDaemon.class);
        assertTheFailedStartFreesItsPort(producer, config);
    }

    /** A directory in the PID file's place (root may write anywhere else); the port must be free again after. */
    private void assertTheFailedStartFreesItsPort(DaemonSpec spec, Path config) throws Exception {
        Path pidFile = Files.createDirectories(dir.resolve("edeposit-" + spec.name() + ".pid").resolve("in-the-way"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Run start = run(spec, "start", "-f", "--config-dir", config.toString(), "--pid-dir", dir.toString(),
                "--metrics-port", Integer.toString(port));
        assertEquals(1, start.status(), start.toString());
        assertTrue(Files.isDirectory(pidFile), "the test's obstacle is still there: " + start);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        } catch (BindException e) {
            fail("the failed start still listens on its metrics port " + port + ": " + start);
        }
    }
}
