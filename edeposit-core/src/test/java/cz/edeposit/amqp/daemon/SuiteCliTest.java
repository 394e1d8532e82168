package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite's command line: which daemons {@code --daemons} chooses, and one line when it names a wrong one
 * or its metrics port is taken.
 */
class SuiteCliTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DaemonCli.run(EchoSuite.SPEC, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void choosesTheNamedDaemonsInTheSuitesOrderOrAll() {
        assertEquals(List.of(EchoDaemon.SPEC, EchoSuite.SECOND), EchoSuite.SPEC.select("echo-aleph, echo-test"));
        assertEquals(List.of(EchoSuite.SECOND), EchoSuite.SPEC.select("echo-aleph"));
        assertEquals(EchoSuite.SPEC.daemons(), EchoSuite.SPEC.select("all"));
    }

    @Test
    void anUnknownDuplicateOrEmptyNameIsOneLineWithUsageStatus() {
        String[][] cases = {
            {"echo-test,nope", "edeposit-echo-suited: --daemons: 'nope' is not a daemon of edeposit-echo-suited;"
                    + " give a comma-separated list of echo-test, echo-aleph, or all"},
            {"echo-test,echo-test", "edeposit-echo-suited: --daemons: 'echo-test' is named twice; give each daemon once"},
            {"echo-test,", "edeposit-echo-suited: --daemons: an empty name is not a daemon of edeposit-echo-suited;"},
        };
        for (String[] bad : cases) {
            Run start = run("start", "-f", "--pid-dir", dir.toString(), "--daemons", bad[0]);
            assertEquals(ExitCodes.USAGE, start.status(), start.toString());
            assertEquals(1, start.err().lines().count(), start.err());
            assertTrue(start.err().startsWith(bad[1]), start.err());
        }
    }

    @Test
    void withoutPrefetchEachDaemonOfTheSuiteKeepsItsOwnDefault() {
        assertTrue(EchoDaemon.SPEC.defaultPrefetch() != EchoSuite.SECOND.defaultPrefetch(), "the test needs two defaults");
        DaemonCommand command = new DaemonCommand(EchoSuite.SPEC.asDaemon(), Map.of(), EchoSuite.SPEC);
        new picocli.CommandLine(command.command()).parseArgs("start", "--pid-dir", dir.toString());
        DaemonRun run = command.run();
        assertEquals(EchoDaemon.SPEC.defaultPrefetch(), run.prefetchFor(EchoDaemon.SPEC));
        assertEquals(EchoSuite.SECOND.defaultPrefetch(), run.prefetchFor(EchoSuite.SECOND));

        String help = run("--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: each daemon's own, from its kind of work)"), help);
        command = new DaemonCommand(EchoSuite.SPEC.asDaemon(), Map.of(), EchoSuite.SPEC);
        new picocli.CommandLine(command.command()).parseArgs("start", "--pid-dir", dir.toString(), "--prefetch", "5");
        assertEquals(5, command.run().prefetchFor(EchoSuite.SECOND));
    }

    @Test
    void startNeedsTheDaemonsStatusAndStopDoNot() {
        Run start = run("start", "-f", "--pid-dir", dir.toString());
        assertEquals(ExitCodes.USAGE, start.status(), start.toString());
        assertEquals("edeposit-echo-suited: --daemons is missing: name the daemons to run, e.g. --daemons"
                + " echo-test,echo-aleph, or --daemons all\n", start.err());
        assertEquals(new Run(3, "edeposit-echo-suited is not running\n", ""), run("status", "--pid-dir", dir.toString()));
        assertEquals(0, run("stop", "--pid-dir", dir.toString()).status());
    }

    @Test
    void aMetricsPortInUseStopsTheSuitesStartWithOneLineAndStatus1(@TempDir Path config) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run start = run("start", "-f", "--config-dir", config.toString(), "--pid-dir", dir.toString(),
                    "--daemons", "all", "--metrics-port", Integer.toString(port));
            assertEquals(ExitCodes.FAILURE, start.status(), start.toString());
            assertEquals(1, start.err().lines().count(), start.err());
            assertTrue(start.err().startsWith("edeposit-echo-suited: error: --metrics-port " + port
                    + ": cannot listen on 127.0.0.1:" + port + ": "), start.err());
            assertFalse(Files.exists(dir.resolve("edeposit-echo-suite.pid")));
        }
    }

    @Test
    void helpNamesTheDaemonsOfTheSuite() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().replaceAll("\\s+", " ").contains("--daemons=LIST The daemons to run in this JVM,"
                + " comma-separated (echo-test, echo-aleph), or all"), help.out());
    }

    @Test
    void aSuiteNeedsDistinctDaemons() {
        assertThrows(IllegalArgumentException.class, () -> new SuiteSpec("s", "edeposit-sd", "d", EchoSuite.class,
                List.of(EchoDaemon.SPEC, EchoDaemon.SPEC)));
    }
}
