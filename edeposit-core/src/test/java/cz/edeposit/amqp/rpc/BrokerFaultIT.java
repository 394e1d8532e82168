package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess.Result;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.InProcessDaemon;
import cz.edeposit.amqp.testing.PrivateBroker;
import cz.edeposit.amqp.testing.ReplyTally;
import cz.edeposit.amqp.testing.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervised daemon against a broker that goes away: a private RabbitMQ node of this class's
 * own is stopped, restarted and made to close connections (the shared broker is never touched).
 * The promise under test: every request that reached the input queue gets a final reply.
 */
class BrokerFaultIT {

    private static final String HOST = "downloader";
    private static final String DAEMON_CONNECTION = "edeposit-fault-daemon";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final PrivateBroker broker = PrivateBroker.perTestClass();

    private InProcessDaemon daemon;
    private Connection client;

    @BeforeEach
    void freshSchema() throws Exception {
        broker.resetSchema(HOST);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (client != null && client.isOpen()) {
            client.abort();
        }
    }

    private RpcOptions options(int workers, int prefetch) {
        return new RpcOptions(broker.host(HOST), new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER,
                workers, prefetch, Duration.ofSeconds(10));
    }

    private static RecoveryPolicy policy() {
        return RecoveryPolicy.defaults().withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    private InProcessDaemon startDaemon(int workers, int prefetch, RecoveryPolicy policy) {
        AmqpSettings settings = broker.settings(HOST);
        return new InProcessDaemon(() -> BrokerConnection.openForDaemon(settings, PrivateBroker.VHOST, DAEMON_CONNECTION, 10),
                options(workers, prefetch), policy);
    }

    /** Publishes {@code count} requests with confirms, so all of them are in the queue on return. */
    private Set<String> publish(String prefix, int count, String body) throws Exception {
        Set<String> uuids = new HashSet<>();
        try (Connection connection = broker.connect("edeposit-test-publisher");
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                String uuid = prefix + "-" + i;
                Requests.publish(channel, "downloader", "request", uuid, body);
                uuids.add(uuid);
            }
            channel.waitForConfirmsOrDie(30_000);
        }
        return uuids;
    }

    private long queued(String queue) throws Exception {
        try (Connection connection = broker.connect("edeposit-test-probe");
             Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private ReplyTally.Counts tally(Set<String> expected) throws Exception {
        ReplyTally.Counts counts = new ReplyTally(broker.factory(), "plone", expected).await(WAIT, Duration.ofSeconds(2));
        System.out.println("reply tally: " + counts);
        return counts;
    }

    @Test
    void answersEveryOneOfAThousandRequestsInFlightThroughABrokerRestart() throws Exception {
        daemon = startDaemon(4, 16, policy());
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        Set<String> uuids = publish("restart", 1000, "{\"__nt_name\": \"Sleep\", \"millis\": 15}");
        Await.until("250 replies in plone", WAIT, () -> queued("plone") >= 250);
        long waiting = queued("daemon");
        int before = daemon.states().size();
        long stopped = System.nanoTime();
        broker.stopApp();
        System.out.printf("stop_app with %d of 1000 requests not yet taken%n", waiting);
        assertTrue(waiting > 0, "the broker stopped while requests were in flight");
        daemon.await(before, ServiceState.Phase.RECONNECTING, WAIT); // it saw the broker go: only then back
        broker.startApp();
        daemon.await(before, ServiceState.Phase.SERVING, WAIT);
        System.out.printf("serving again %d ms after stop_app%n", (System.nanoTime() - stopped) / 1_000_000);

        ReplyTally.Counts counts = tally(uuids);
        assertEquals(Set.of(), counts.lost(), counts.toString());
        assertEquals(Set.of(), counts.unexpected(), counts.toString());
        assertTrue(counts.duplicated().size() <= 4 * 16, "duplicates only for requests in flight: " + counts);
        assertTrue(daemon.states().stream().anyMatch(state -> state.phase() == ServiceState.Phase.RECONNECTING),
                daemon.states().toString());
    }

    @Test
    void resumesServingAfterTheBrokerClosesItsConnection() throws Exception {
        daemon = startDaemon(2, 1, policy());
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        Set<String> first = publish("before-close", 5, "{\"__nt_name\": \"Echo\", \"value\": 1}");
        assertEquals(Set.of(), tally(first).lost());
        int before = daemon.states().size();
        assertEquals(1, broker.closeConnections(DAEMON_CONNECTION, "closed by the fault test"));
        ServiceState lost = daemon.await(before, ServiceState.Phase.RECONNECTING, WAIT);
        assertTrue(lost.detail().contains("closed by the fault test"), lost.detail());
        daemon.await(before, ServiceState.Phase.SERVING, WAIT);
        Set<String> after = publish("after-close", 5, "{\"__nt_name\": \"Echo\", \"value\": 2}");
        ReplyTally.Counts counts = tally(after);
        assertEquals(Set.of(), counts.lost(), counts.toString());
    }

    @Test
    void answersRequestsQueuedAcrossAFullNodeRestart() throws Exception {
        daemon = startDaemon(2, 4, policy());
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        Set<String> uuids = publish("node", 100, "{\"__nt_name\": \"Sleep\", \"millis\": 50}");
        int before = daemon.states().size();
        long stopped = System.nanoTime();
        broker.stopNode();
        broker.startNode();
        daemon.await(before, ServiceState.Phase.SERVING, WAIT);
        System.out.printf("serving again %d ms after the node stopped%n", (System.nanoTime() - stopped) / 1_000_000);
        ReplyTally.Counts counts = tally(uuids);
        assertEquals(Set.of(), counts.lost(), counts.toString());
        assertEquals(Set.of(), counts.unexpected(), counts.toString());
    }

    @Test
    void waitsForABrokerThatIsDownAtStartUpAndThenServes() throws Exception {
        broker.stopApp();
        try {
            daemon = startDaemon(1, 1, policy());
            ServiceState waiting = daemon.await(0, ServiceState.Phase.WAITING, WAIT);
            assertTrue(waiting.detail().contains("cannot connect to RabbitMQ at 127.0.0.1:" + broker.port()),
                    waiting.detail());
            assertTrue(waiting.detail().matches(".*; retrying in [\\d.]+ s"), waiting.detail());
        } finally {
            broker.startApp();
        }
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        assertEquals(Set.of(), tally(publish("late", 3, "{\"__nt_name\": \"Echo\", \"value\": 3}")).lost());
    }

    @Test
    void failsAtOnceWhenTheBrokerIsDownAndNoWaitIsAllowed() throws Exception {
        broker.stopApp();
        try {
            daemon = startDaemon(1, 1, policy().withBrokerWait(Duration.ZERO));
            Exception error = assertThrows(Exception.class, () -> daemon.outcome().get());
            assertTrue(error.getCause() instanceof BrokerUnavailableException, error.toString());
            assertTrue(error.getCause().getMessage().contains("is rabbitmq-server running?"), error.toString());
        } finally {
            broker.startApp();
        }
    }

    @Test
    void consumesAgainWhenADeletedInputQueueIsDeclaredAgain() throws Exception {
        daemon = startDaemon(2, 1, policy());
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        int before = daemon.states().size();
        client = broker.connect("edeposit-test-client");
        Channel channel = client.createChannel();
        channel.queueDelete("daemon");
        ServiceState missing = daemon.awaitState(before, state -> state.detail().contains("queue 'daemon' does not exist"),
                WAIT);
        assertEquals(ServiceState.Phase.RECONNECTING, missing.phase());
        channel.queueDeclare("daemon", true, false, false, null);
        channel.queueBind("daemon", "downloader", "request");
        daemon.await(before, ServiceState.Phase.SERVING, WAIT);
        assertEquals(Set.of(), tally(publish("requeued", 3, "{\"__nt_name\": \"Echo\", \"value\": 4}")).lost());
    }

    @Test
    void endsWithTheReasonOnALostQueueWhenFailingFast() throws Exception {
        daemon = startDaemon(1, 1, policy().withFailFast(true));
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
        client = broker.connect("edeposit-test-client");
        client.createChannel().queueDelete("daemon");
        String reason = daemon.outcome().get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(reason.contains("cancelled the consumer of queue 'daemon'"), reason);
    }

    @Test
    void backgroundStartReportsThatItWaitsForTheBrokerAndServesOnceItIsBack(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        DaemonProcess process = new DaemonProcess(EchoDaemon.class, broker.env(HOST), List.of(
                "--config-dir", config.toString(), "--pid-dir", dir.toString(),
                "--log-file", dir.resolve("echo.log").toString(), "--max-backoff", "1"));
        broker.stopApp();
        try {
            Result start = process.run("start", "--start-timeout", "10");
            assertEquals(1, start.exitCode(), start.toString());
            assertTrue(start.err().contains("waiting for RabbitMQ: cannot connect to RabbitMQ at 127.0.0.1:"
                    + broker.port() + " (Connection refused)"), start.err());
            assertTrue(start.err().contains("is still waiting for RabbitMQ after 10 s; it keeps trying"), start.err());
            Result status = process.run("status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains(", waiting for RabbitMQ: cannot connect"), status.out());
        } finally {
            broker.startApp();
        }
        try {
            ReplyTally.Counts counts = tally(publish("background", 2, "{\"__nt_name\": \"Echo\", \"value\": 5}"));
            assertEquals(Set.of(), counts.lost(), counts.toString());
            Result status = process.run("status");
            // Serving: the first line has no "waiting for RabbitMQ"; the lines after it are the activity.
            assertTrue(status.out().lines().findFirst().orElse("").matches("edeposit-echo-testd is running \\(pid \\d+\\)"),
                    status.out());
            assertTrue(status.out().contains("requests: 2 served, 0 failed"), status.out());
        } finally {
            assertEquals(0, process.run("stop").exitCode());
        }
        assertTrue(Files.readString(dir.resolve("echo.log")).contains("Serving again after"),
                "the log says when it got the broker back");
    }
}
