package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.DaemonProcess.Result;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon command line as an operator uses it: real JVMs, a real broker, real signals. */
class DaemonProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern STARTED = Pattern.compile("started with pid (\\d+)");

    @TempDir
    Path pidDir;

    private TestVhost vhost;
    private DaemonProcess daemon;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        daemon = new DaemonProcess(EchoDaemon.class, vhost.env(), List.of(
                "--config-dir", vhost.emptyConfigDir().toString(), "--pid-dir", pidDir.toString(),
                "--log-file", pidDir.resolve("edeposit-echo-test.log").toString()));
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon.run("stop");
        connection.close();
        vhost.close();
    }

    private long start() throws Exception {
        Result result = daemon.run("start");
        Matcher matcher = STARTED.matcher(result.err());
        assertTrue(result.exitCode() == 0 && matcher.find(), () -> result + "\nlog:\n" + log());
        return Long.parseLong(matcher.group(1));
    }

    private String log() {
        try {
            return Files.readString(pidDir.resolve("edeposit-echo-test.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** The daemon's handler runs the Sleep request (delivered alone would be merely prefetched). */
    private void awaitInHand(long millis) throws Exception {
        String line = EchoDaemon.SLEEP_STARTED.replace("{}", Long.toString(millis));
        Await.until("the handler starts the request", WAIT, () -> log().contains(line));
    }

    private void send(String uuid, String body) throws Exception {
        Requests.publish(client, "downloader", "request", uuid, body);
    }

    @Test
    void startsInBackgroundAnswersReportsStatusAndStops() throws Exception {
        long pid = start();
        assertEquals(pid + "\n", Files.readString(pidDir.resolve("edeposit-echo-test.pid")));
        Result status = daemon.run("status");
        assertEquals(0, status.exitCode());
        assertTrue(status.out().contains("is running (pid " + pid + ")"), status.out());
        send("bg-1", "{\"__nt_name\": \"Echo\", \"value\": \"x\"}");
        assertEquals("bg-1", replies.take(WAIT).header("UUID"));

        Result stop = daemon.run("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stop waited for the exit");
        assertFalse(Files.exists(pidDir.resolve("edeposit-echo-test.pid")));
        Result again = daemon.run("stop");
        assertEquals(new Result(0, "There is no running instance to be stopped.\n", ""), again);
        assertEquals(3, daemon.run("status").exitCode());
        assertTrue(log().contains("edeposit-echo-testd started"), "background output goes to the log file");
    }

    @Test
    void statusOfARunningDaemonShowsItsUptimeRequestCountsAndLastError() throws Exception {
        long pid = start();
        Result fresh = daemon.run("status");
        assertTrue(fresh.out().startsWith("edeposit-echo-testd is running (pid " + pid + ")\n"), fresh.out());
        assertTrue(fresh.out().contains("\n  requests: 0 served, 0 failed\n  last error: none\n"), fresh.out());
        send("st-1", "{\"__nt_name\": \"Echo\", \"value\": 1}");
        send("st-2", "{\"__nt_name\": \"Fail\", \"message\": \"chyba č. 2\"}");
        send("st-3", "{\"__nt_name\": \"Echo\", \"value\": 3}");
        for (int i = 0; i < 3; i++) {
            replies.take(WAIT);
        }
        // The daemon writes its counts every few seconds, not per request: wait for them.
        Result[] status = new Result[1];
        Await.until("status shows the three requests", WAIT, () -> {
            status[0] = daemon.run("status");
            return status[0].out().contains("requests: 2 served, 1 failed");
        });
        String[] lines = status[0].out().split("\n");
        assertEquals(0, status[0].exitCode());
        assertEquals(4, lines.length, status[0].out());
        assertEquals("edeposit-echo-testd is running (pid " + pid + ")", lines[0]);
        assertTrue(lines[1].matches("  uptime: \\d\\d:\\d\\d:\\d\\d \\(since \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\\)"), lines[1]);
        assertEquals("  requests: 2 served, 1 failed", lines[2]);
        assertTrue(lines[3].startsWith("  last error: UserWarning: chyba č. 2 (at "), lines[3]);
        assertTrue(lines[3].endsWith(" ago)"), lines[3]);
    }

    @Test
    void createsTheLogFileReadableByOwnerAndGroupOnly() throws Exception {
        start();
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pidDir.resolve("edeposit-echo-test.log"))), "whatever the umask");
    }

    @Test
    void theDaemonJvmCopiesTheLaunchingJvmsOptions() throws Exception {
        long pid = start();
        List<String> arguments = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        assertTrue(arguments.contains("-XX:TieredStopAtLevel=1"), arguments.toString());
    }

    @Test
    void refusesASecondStartWhileRunning() throws Exception {
        start();
        Result second = daemon.run("start");
        assertEquals(1, second.exitCode());
        assertEquals("It looks like a daemon is already running!\n", second.out());
    }

    @Test
    void replacesAStalePidFile() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pidDir.resolve("edeposit-echo-test.pid"), gone.pid() + "\n");
        long pid = start();
        assertNotEquals(gone.pid(), pid);
    }

    @Test
    void restartStartsWhenNothingRunsAndReplacesARunningDaemon() throws Exception {
        Result first = daemon.run("restart");
        Matcher matcher = STARTED.matcher(first.err());
        assertTrue(first.exitCode() == 0 && matcher.find(), first.toString());
        Result second = daemon.run("--workers", "2", "restart");
        Matcher again = STARTED.matcher(second.err());
        assertTrue(second.exitCode() == 0 && again.find(), second.toString());
        assertNotEquals(matcher.group(1), again.group(1));
    }

    @Test
    void acceptsOptionsBeforeTheActionAndRejectsBadUsageWithStatus2() throws Exception {
        assertEquals(new Result(0, "There is no running instance to be stopped.\n", ""), daemon.run("-f", "stop"));
        assertEquals(2, daemon.run("bogus").exitCode());
        assertEquals(2, daemon.run().exitCode());
        Result workers = daemon.run("start", "--workers", "0");
        assertEquals(2, workers.exitCode());
        assertTrue(workers.err().contains("--workers must be 1-256, not 0"), workers.err());
    }

    @Test
    void answersTheRequestAKilledDaemonHadInHandAfterTheNextStart() throws Exception {
        long pid = start();
        send("crash-1", "{\"__nt_name\": \"Sleep\", \"millis\": 3000}");
        awaitInHand(3000);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
        assertTrue(replies.silentFor(Duration.ofMillis(200)), "nothing was answered before the kill");
        start();
        assertEquals("crash-1", replies.take(WAIT).header("UUID"));
    }

    @Test
    void stopLetsTheRequestInHandFinish() throws Exception {
        start();
        send("drain-1", "{\"__nt_name\": \"Sleep\", \"millis\": 2000}");
        awaitInHand(2000);
        Result stop = daemon.run("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertEquals("drain-1", replies.take(Duration.ofSeconds(5)).header("UUID"));
        assertEquals(0, client.messageCount("daemon"));
    }

    @Test
    void badSettingsExitWith78AndOneLineWithoutStackTrace(@TempDir Path configDir) throws Exception {
        Files.writeString(configDir.resolve("amqp.json"), "{\"RABBITMQ_PORT\": [5672]}");
        DaemonProcess misconfigured = new DaemonProcess(EchoDaemon.class, vhost.env(), List.of(
                "--config-dir", configDir.toString(), "--pid-dir", pidDir.toString()));
        // A background start checks the settings while its child boots: the same line, and no child left.
        // A log file that cannot be written does not hide the settings error either.
        for (List<String> mode : List.of(List.of("-f"), List.of("--workers=1"), List.of("--log-file", "/proc/none/x.log"))) {
            List<String> args = new ArrayList<>(List.of("start"));
            args.addAll(mode);
            Result result = misconfigured.run(args.toArray(String[]::new));
            assertEquals(78, result.exitCode(), result.toString());
            assertEquals(1, result.err().lines().count(), result.err());
            assertTrue(result.err().contains("RABBITMQ_PORT"), result.err());
            assertTrue(result.err().contains("amqp.json"), result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
            assertEquals(List.of(), ProcessHandle.allProcesses().filter(process -> process.info().arguments()
                    .map(arguments -> List.of(arguments).contains(configDir.toString())).orElse(false)).toList());
        }
    }

    @Test
    void missingQueueFailsWithTheToolCommandThatCreatesIt() throws Exception {
        client.queueDelete("daemon");
        Result result = daemon.run("start", "--foreground");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("edeposit-amqp-tool --host downloader --create"), result.err());
    }
}
