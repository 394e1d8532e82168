package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon command line in picocli's black-box style: captured output and exit status. */
class DaemonCliTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DaemonCli.run(EchoDaemon.SPEC, env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void helpListsActionsAndSharedOptionsWithoutSecrets() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: edeposit-echo-testd"), help.out());
        for (String option : new String[] {"ACTION", "--foreground", "--config-dir", "--pid-dir", "--log-file",
                "--workers", "--prefetch", "--version"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertTrue(help.out().contains("Echo daemon of the test suite."));
        assertTrue(help.out().replaceAll("\\s+", " ")
                        .contains("(default " + EchoDaemon.SPEC.defaultPrefetch() + ", from this daemon's kind"),
                "the daemon's own default prefetch in " + help.out());
        assertFalse(help.out().toLowerCase().contains("guest"), "no credentials in help");
    }

    @Test
    void helpIsByteForByteThePinnedText() throws Exception {
        // The whole text, so that a change of picocli or of how it is built (edeposit-picocli,
        // docs/performance.md) cannot change what an operator reads unnoticed.
        String pinned;
        try (var in = DaemonCliTest.class.getResourceAsStream("echo-help.txt")) {
            pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(new Run(0, pinned, ""), run("--help"));
    }

    @Test
    void rejectsAMissingOrUnknownActionWithUsageStatus() {
        Run missing = run();
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("Missing required parameter: 'ACTION'"), missing.err());
        Run unknown = run("begin");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("start, stop, restart, status"), unknown.err());
    }

    @Test
    void rejectsOutOfRangeNumbersNamingTheValue() {
        Run prefetch = run("start", "--prefetch", "70000");
        assertEquals(2, prefetch.status());
        assertTrue(prefetch.err().contains("--prefetch must be 1-65535, not 70000"), prefetch.err());
    }

    @Test
    void helpListsTheReliabilityOptions() {
        Run help = run("--help");
        for (String option : new String[] {"--broker-wait", "--fail-fast", "--max-backoff", "--heartbeat",
                "--max-attempts", "--dead-letter-exchange", "--handler-timeout", "--consumer-timeout",
                "--reply-retry"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
    }

    @Test
    void formatsEveryDescriptionWithoutPicocliWarnings() {
        // picocli's tracer writes to System.err itself, not to the command line's err.
        PrintStream original = System.err;
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
        Run help;
        try {
            help = run("--help");
            run("start", "--prefetch", "0");
        } finally {
            System.setErr(original);
        }
        assertEquals("", traced.toString(StandardCharsets.UTF_8));
        assertTrue(help.out().replaceAll("\\s+", " ").contains("unacked for 80 % of it"), help.out());
    }

    @Test
    void rejectsBadReliabilityOptionsNamingTheValue() {
        String[][] cases = {
            {"--max-attempts", "0", "--max-attempts must be 1-1000, not 0"},
            {"--broker-wait", "-1", "--broker-wait must not be negative, not -1"},
            {"--heartbeat", "4000", "--heartbeat must be 0-3600, not 4000"},
            {"--max-backoff", "0", "--max-backoff must be 1-3600, not 0"},
            {"--handler-timeout", "-5", "--handler-timeout must not be negative, not -5"},
            {"--dead-letter-exchange", " ", "--dead-letter-exchange must name an exchange, not ' '"},
        };
        for (String[] bad : cases) {
            Run start = run("start", "-f", "--pid-dir", dir.toString(), bad[0], bad[1]);
            assertEquals(2, start.status(), start.toString());
            assertTrue(start.err().contains(bad[2]), start.err());
        }
    }

    @Test
    void statusOfADaemonThatNeverRanIsThreeAndStopIsZero() {
        Run status = run("status", "--pid-dir", dir.toString());
        assertEquals(new Run(3, "edeposit-echo-testd is not running\n", ""), status);
        Run stop = run("stop", "--pid-dir", dir.toString());
        assertEquals(new Run(0, "There is no running instance to be stopped.\n", ""), stop);
    }

    @Test
    void stopRemovesAPidFileWhoseProcessIsNotThisDaemon() throws Exception {
        Path pidFile = dir.resolve("edeposit-echo-test.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        // This JVM is alive but runs the test runner, not EchoDaemon: the file is stale.
        Run stop = run("stop", "--pid-dir", dir.toString());
        assertEquals(0, stop.status());
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void badSettingsGiveOneLineAndStatus78(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("amqp.json"), "{\"RABBITMQ_PORT\": 70000}");
        Run start = run("start", "-f", "--config-dir", config.toString(), "--pid-dir", dir.toString());
        assertEquals(78, start.status());
        assertTrue(start.err().startsWith("edeposit-echo-testd: error: "), start.err());
        assertEquals(1, start.err().lines().count(), start.err());
    }

    @Test
    void aMissingConfigDirIsAConfigError() {
        Run start = run(Map.of("EDEPOSIT_CONFIG_DIR", dir.resolve("nope").toString()), "start", "-f",
                "--pid-dir", dir.toString());
        assertEquals(78, start.status(), start.toString());
        assertTrue(start.err().contains("nope"), start.err());
    }
}
