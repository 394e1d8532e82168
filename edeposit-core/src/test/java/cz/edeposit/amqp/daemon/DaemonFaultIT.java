package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.DaemonProcess.Result;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyTally;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults of the daemon process itself (the broker stays up, so the shared one serves): a SIGKILL
 * with requests pending, and a SIGTERM with one request in hand and ten prefetched.
 */
class DaemonFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern STARTED = Pattern.compile("started with pid (\\d+)");

    @TempDir
    Path dir;

    private TestVhost vhost;
    private Connection connection;
    private Channel client;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        client = connection.createChannel();
        client.confirmSelect();
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon(List.of()).run("stop");
        connection.close();
        vhost.close();
    }

    private DaemonProcess daemon(List<String> options) throws Exception {
        Files.createDirectories(dir.resolve("config"));
        List<String> args = new java.util.ArrayList<>(List.of("--config-dir", dir.resolve("config").toString(),
                "--pid-dir", dir.toString(), "--log-file", dir.resolve("echo.log").toString()));
        args.addAll(options);
        return new DaemonProcess(EchoDaemon.class, vhost.env(), args);
    }

    private long start(DaemonProcess daemon) throws Exception {
        Result result = daemon.run("start");
        Matcher matcher = STARTED.matcher(result.err());
        assertTrue(result.exitCode() == 0 && matcher.find(), () -> result + "\nlog:\n" + log());
        return Long.parseLong(matcher.group(1));
    }

    private Set<String> publish(String prefix, int count, String body) throws Exception {
        Set<String> uuids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Requests.publish(client, "downloader", "request", prefix + "-" + i, body);
            uuids.add(prefix + "-" + i);
        }
        client.waitForConfirmsOrDie(30_000);
        return uuids;
    }

    private ReplyTally tally(Set<String> expected) {
        return new ReplyTally(vhost.broker().factory(vhost.name()), "plone", expected);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("echo.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void answersAllTwoHundredPendingRequestsAfterASigkillAndAStart() throws Exception {
        DaemonProcess daemon = daemon(List.of("--workers", "2", "--prefetch", "4"));
        long pid = start(daemon);
        Set<String> uuids = publish("pending", 200, "{\"__nt_name\": \"Sleep\", \"millis\": 40}");
        Await.until("20 replies in plone", WAIT, () -> client.messageCount("plone") >= 20);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly(); // SIGKILL: no drain, no goodbye to the broker
        process.onExit().join();
        long left = client.messageCount("daemon");
        System.out.printf("SIGKILL with %d of 200 requests not yet taken%n", left);
        assertTrue(left > 0, "killed while requests were pending");

        start(daemon);
        ReplyTally.Counts counts = tally(uuids).await(WAIT, Duration.ofSeconds(2));
        System.out.println("reply tally after SIGKILL and start: " + counts);
        assertEquals(Set.of(), counts.lost(), counts.toString());
        assertEquals(Set.of(), counts.unexpected(), counts.toString());
        assertTrue(counts.duplicated().size() <= 2 * 4, "only requests in flight can be answered twice: " + counts);
    }

    @Test
    void sigtermFinishesTheRequestInHandAndLeavesTenPrefetchedOnesQueued() throws Exception {
        DaemonProcess daemon = daemon(List.of("--workers", "1", "--prefetch", "11"));
        start(daemon);
        Set<String> slow = publish("in-hand", 1, "{\"__nt_name\": \"Sleep\", \"millis\": 3000}");
        Set<String> prefetched = publish("prefetched", 10, "{\"__nt_name\": \"Echo\", \"value\": 1}");
        String inHand = EchoDaemon.SLEEP_STARTED.replace("{}", "3000");
        Await.until("the handler starts the slow request", WAIT, () -> log().contains(inHand));
        Await.until("all eleven delivered: one in the handler, ten waiting in the worker", WAIT,
                () -> client.messageCount("daemon") == 0);
        Result stop = daemon.run("stop"); // SIGTERM, then waits for the exit
        assertEquals(0, stop.exitCode(), stop + "\n" + log());

        ReplyTally.Counts first = tally(slow).await(WAIT, Duration.ofSeconds(1));
        assertEquals(Set.of(), first.lost(), "the request in hand was answered: " + first);
        assertEquals(Set.of(), first.unexpected(), "no prefetched request was handled: " + first);
        assertEquals(10, client.messageCount("daemon"), "the ten prefetched requests went back to the queue");

        start(daemon);
        ReplyTally.Counts second = tally(prefetched).await(WAIT, Duration.ofSeconds(2));
        assertEquals(Set.of(), second.lost(), second.toString());
        assertEquals(Set.of(), second.unexpected(), "the request in hand was not handled again: " + second);
        assertEquals(0, second.duplicated().size(), second.toString());
    }
}
