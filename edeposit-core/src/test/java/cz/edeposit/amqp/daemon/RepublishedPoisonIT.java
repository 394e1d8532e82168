package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that kills the daemon every time and comes back each time without the redelivered flag
 * (a client or a dead-letter cycle publishes it again, same UUID and body) is still given up with
 * PoisonMessageError: after a crash the daemon counts every request, not only redelivered ones.
 */
class RepublishedPoisonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HALT = "{\"__nt_name\": \"Halt\", \"why\": \"republished poison\"}";
    private static final int MAX_ATTEMPTS = 2;

    @TempDir
    Path dir;

    private TestVhost vhost;
    private Connection connection;

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void aRepublishedRequestThatKillsTheDaemonIsGivenUpAfterTheLimit() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        Channel client = connection.createChannel();
        ReplyCollector replies = new ReplyCollector(connection, "plone");
        Requests.publish(client, "downloader", "request", "poison-2", HALT);
        Files.createDirectories(dir.resolve("config"));
        DaemonProcess daemon = new DaemonProcess(EchoDaemon.class, vhost.env(), List.of("start", "--foreground",
                "--config-dir", dir.resolve("config").toString(), "--pid-dir", dir.toString(),
                "--max-attempts", Integer.toString(MAX_ATTEMPTS)));

        // The first start, after a clean past, records nothing; each later one records its attempt.
        for (int run = 1; run <= MAX_ATTEMPTS + 1; run++) {
            Process killed = daemon.start(dir.resolve("run-" + run + ".log"));
            assertTrue(killed.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the poison request kills run " + run);
            assertEquals(EchoDaemon.HALT_STATUS, killed.exitValue(), log(run));
            republish(client);
        }
        int last = MAX_ATTEMPTS + 2;
        Process survivor = daemon.start(dir.resolve("run-" + last + ".log"));
        try {
            Reply poison = take(replies, survivor, last);
            assertEquals("poison-2", poison.header("UUID"));
            assertEquals("PoisonMessageError", poison.header("exception_name"), poison.header("exception"));
            assertTrue(poison.header("exception").contains("delivered 3 times"), poison.header("exception"));
            Requests.publish(client, "downloader", "request", "after", "{\"__nt_name\": \"Echo\", \"value\": 1}");
            assertEquals("after", take(replies, survivor, last).header("UUID"), "the daemon goes on serving");
        } finally {
            survivor.destroy();
            assertTrue(survivor.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(0, survivor.exitValue(), log(last));
        assertTrue(log(2).contains("did not stop in order last time"), log(2));
        assertFalse(Files.exists(dir.resolve("edeposit-echo-test.running")), "a clean stop removes the marker");
        assertEquals(0, client.messageCount("daemon"), "acked, not looping");
    }

    /** Takes the copy the broker put back (marked redelivered) and publishes it again, unmarked. */
    private static void republish(Channel client) throws Exception {
        // The broker requeues it once it notices the dead connection, a moment after the process ended.
        AtomicReference<GetResponse> requeued = new AtomicReference<>();
        Await.until("the broker puts the unacked request back", WAIT, () -> {
            requeued.set(client.basicGet("daemon", true));
            return requeued.get() != null;
        });
        assertTrue(requeued.get().getEnvelope().isRedeliver(), "a real broker marks it redelivered");
        client.basicPublish("downloader", "request", requeued.get().getProps(), requeued.get().getBody());
    }


    private Reply take(ReplyCollector replies, Process daemon, int run) throws InterruptedException {
        try {
            return replies.take(WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("run " + run + (daemon.isAlive() ? " is alive" : " exited with "
                    + daemon.exitValue()) + " and sent no reply; its log:\n" + log(run), e);
        }
    }

    private String log(int run) {
        try {
            return Files.readString(dir.resolve("run-" + run + ".log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
