package cz.edeposit.amqp.client;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.EchoDaemon.Done;
import cz.edeposit.amqp.testing.EchoDaemon.Echo;
import cz.edeposit.amqp.testing.EchoDaemon.Echoed;
import cz.edeposit.amqp.testing.EchoDaemon.Sleep;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.InProcessDaemon;
import cz.edeposit.amqp.testing.LogCapture;
import cz.edeposit.amqp.testing.PrivateBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a broker that goes away: a private RabbitMQ node of this class's own is
 * stopped and started, made to close the client's connection and to block publishers (the shared
 * broker is never touched). A supervised echo daemon serves it, as a real daemon would.
 */
class RpcClientReconnectIT {

    private static final String HOST = "downloader";
    /** Generous: a broker restart takes 9-20 s on the loaded build machine. */
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final RecoveryPolicy FAST_RETRY = RecoveryPolicy.defaults()
            .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2));
    /** Longer than any outage here: these calls must complete, not time out. */
    private static final CallOptions PATIENT = CallOptions.defaults().withTimeout(Duration.ofMinutes(3));

    @RegisterExtension
    static final PrivateBroker broker = PrivateBroker.perTestClass();

    private InProcessDaemon daemon;
    private HostSettings host;
    private final List<RpcClient> clients = new ArrayList<>();

    @BeforeEach
    void startDaemon() throws Exception {
        broker.resetSchema(HOST);
        host = broker.host(HOST);
        AmqpSettings settings = broker.settings(HOST);
        daemon = new InProcessDaemon(() -> BrokerConnection.openForDaemon(settings, PrivateBroker.VHOST, "edeposit-fault-daemon", 10),
                new RpcOptions(host, new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER, 1, 1, Duration.ofSeconds(10)),
                FAST_RETRY);
        daemon.await(0, ServiceState.Phase.SERVING, WAIT);
    }

    @AfterEach
    void tearDown() {
        clients.forEach(RpcClient::close);
        if (daemon != null) {
            daemon.close();
        }
    }

    private RpcClient client(RpcClientBuilder builder) {
        RpcClient client = builder.build();
        clients.add(client);
        return client;
    }

    private RpcClientBuilder builder() {
        return RpcClient.builder(broker.settings(HOST)).replyTypes(host, EchoFixture.REPLIES).recoveryPolicy(FAST_RETRY);
    }

    private static Throwable failure(CompletableFuture<?> call) {
        return assertThrows(ExecutionException.class, () -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause();
    }

    private static List<String> about(LogCapture log, RpcClient client) {
        return log.messages().stream().filter(message -> message.contains("Client '" + client.clientId() + "'")).toList();
    }

    @Test
    void callsInFlightSurviveABrokerRestartAndCompleteWithTheirReplies() throws Exception {
        RpcClient client = client(builder());
        assertEquals(new Echoed("warm-up"), client.callAndWait(host, new Echo("warm-up")));
        try (LogCapture daemonLog = new LogCapture(EchoDaemon.class); LogCapture linkLog = new LogCapture(VhostLink.class)) {
            CompletableFuture<Object> busy = client.call(host, new Sleep(2_000), PATIENT);
            daemonLog.await("Sleep of 2000 ms started", WAIT);
            List<CompletableFuture<Object>> queued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                queued.add(client.call(host, new Echo("queued-" + i), PATIENT));
            }
            CompletableFuture<Object> whileDown;
            broker.stopApp();
            try {
                linkLog.await("Client '" + client.clientId() + "' lost its link", WAIT);
                whileDown = client.call(host, new Echo("while-down"), PATIENT);
                RpcTimeoutException timeout = assertInstanceOf(RpcTimeoutException.class, failure(client.call(host,
                        new Echo("too late"), CallOptions.defaults().withTimeout(Duration.ofSeconds(1)))));
                assertTrue(timeout.getMessage().contains("within 1 s for UUID") && timeout.getMessage().contains(
                        "because the broker link was down: the client's link to vhost '" + PrivateBroker.VHOST
                                + "' has been down for"), timeout.getMessage());
                linkLog.await("Client '" + client.clientId() + "' still without vhost", WAIT);
            } finally {
                broker.startApp();
            }
            assertEquals(new Done(0), busy.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            for (int i = 0; i < queued.size(); i++) {
                assertEquals(new Echoed("queued-" + i), queued.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(new Echoed("while-down"), whileDown.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            linkLog.await("Client '" + client.clientId() + "' reconnected to vhost", WAIT);
            List<String> messages = about(linkLog, client);
            System.out.println("the client's log: " + String.join("\n  ", messages));
            assertEquals(1, messages.stream().filter(message -> message.contains("reconnected to vhost")).count(),
                    messages.toString());
            List<String> attempts = messages.stream().filter(message -> !message.contains("reconnected")).toList();
            assertTrue(attempts.size() >= 2, messages.toString());
            attempts.forEach(attempt -> assertTrue(attempt.matches(".*; reconnecting in [\\d.]+ s"), attempt));
        }
        assertEquals(0, client.pendingCalls());
        assertEquals(0, client.armedTimers());
        assertEquals(new Echoed("after"), client.callAndWait(host, new Echo("after")));
    }

    @Test
    void closeDuringAnOutageFailsPendingCallsAtOnceAndLeavesNoThreadBehind() throws Exception {
        HostSettings parked = parkedHost();
        RpcClient client = client(builder());
        CompletableFuture<Object> inFlight = client.call(parked, new Echo("never answered"), PATIENT);
        Await.until("the request is in the parked queue", WAIT, () -> queued("parked") == 1);
        try (LogCapture linkLog = new LogCapture(VhostLink.class)) {
            broker.stopApp();
            try {
                linkLog.await("Client '" + client.clientId() + "' lost its link", WAIT);
                CompletableFuture<Object> held = client.call(host, new Echo("held"), PATIENT);
                client.close();
                for (CompletableFuture<Object> call : List.of(inFlight, held)) {
                    assertTrue(call.isDone(), "close() returned with a call still pending");
                    assertInstanceOf(ClientClosedException.class, failure(call));
                }
                assertEquals(0, client.pendingCalls());
                Await.until("no thread of the client is left", WAIT, () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(thread -> thread.getName().contains(client.clientId())));
            } finally {
                broker.startApp();
            }
        }
    }

    /**
     * A second host on the same exchange whose input queue {@code parked} nobody consumes: a call
     * to it stays pending, whatever the machine's load.
     */
    private HostSettings parkedHost() throws Exception {
        try (Connection connection = broker.connect("edeposit-test-schema"); Channel channel = connection.createChannel()) {
            channel.queueDelete("parked");
            channel.queueDeclare("parked", true, false, false, null);
        }
        return new HostSettings("parked", host.vhost(), host.exchange(), "parked", host.outputQueue(), "parked",
                host.outputKey());
    }

    private static long queued(String queue) throws Exception {
        try (Connection connection = broker.connect("edeposit-test-probe"); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    @Test
    void aCallMadeWhileTheBrokerIsDownWaitsForItUnlessTheClientFailsFast() throws Exception {
        RpcClient failFast = client(builder().failFastWhenDisconnected(true));
        assertEquals(new Echoed("warm-up"), failFast.callAndWait(host, new Echo("warm-up")));
        RpcClient firstContact = client(builder());
        RpcClient noWait = client(builder().recoveryPolicy(FAST_RETRY.withBrokerWait(Duration.ZERO)));
        CompletableFuture<Object> waiting;
        try (LogCapture linkLog = new LogCapture(VhostLink.class)) {
            broker.stopApp();
            try {
                linkLog.await("Client '" + failFast.clientId() + "' lost its link", WAIT);
                CompletableFuture<Object> refused = failFast.call(host, new Echo("fail fast"));
                assertTrue(refused.isDone(), "a fail-fast call while disconnected fails at once");
                RpcException error = assertInstanceOf(RpcException.class, failure(refused));
                assertTrue(error.getMessage().contains("fails fast when disconnected"), error.getMessage());

                waiting = firstContact.call(host, new Echo("first contact"), PATIENT);
                assertFalse(waiting.isDone(), "a first call while the broker is down waits for it");
                String cannotReach = linkLog.await("Client '" + firstContact.clientId() + "' cannot reach vhost", WAIT);
                assertTrue(cannotReach.contains("cannot connect to RabbitMQ at 127.0.0.1:" + broker.port()), cannotReach);

                CompletableFuture<Object> notWaited = noWait.call(host, new Echo("no wait"));
                assertTrue(notWaited.isDone(), "brokerWait 0: the first call does not wait");
                error = assertInstanceOf(RpcException.class, failure(notWaited));
                assertTrue(error.getMessage().contains("is rabbitmq-server running?"), error.getMessage());
            } finally {
                broker.startApp();
            }
        }
        assertEquals(new Echoed("first contact"), waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        Await.until("the fail-fast client calls again once its link is back", WAIT, () -> {
            try {
                return new Echoed("back").equals(failFast.callAndWait(host, new Echo("back")));
            } catch (RpcException e) {
                return false;
            }
        });
        assertEquals(new Echoed("no wait"), noWait.callAndWait(host, new Echo("no wait")));
    }

    @Test
    void republishesARequestWhoseConfirmNeverCameWithTheSameUuid() throws Exception {
        RpcClient client = client(builder());
        assertEquals(new Echoed("warm-up"), client.callAndWait(host, new Echo("warm-up")));
        String connection = "edeposit-client " + client.clientId();
        CompletableFuture<Object> first;
        CompletableFuture<Object> unread;
        try (LogCapture linkLog = new LogCapture(VhostLink.class)) {
            // The memory alarm makes the broker stop reading from a connection once it publishes:
            // the first request is read, the second stays in the socket, never confirmed.
            broker.setMemoryHighWatermark("0");
            try {
                Await.until("the alarm reaches the client's connection", WAIT,
                        () -> connectionState(connection).startsWith("blocking"));
                first = client.call(host, new Echo("first"), PATIENT);
                Await.until("the broker stops reading the client's connection", WAIT,
                        () -> connectionState(connection).equals("blocked"));
                unread = client.call(host, new Echo("unread"), PATIENT.withUuid("unread-request"));
                Await.until("the unread request is waiting for its confirm", WAIT, () -> client.unconfirmedRequests() >= 1);
                assertEquals(1, broker.closeConnections(connection, "closed by the in-doubt test"));
                String resumed = linkLog.await("Client '" + client.clientId() + "' reconnected", WAIT);
                Matcher published = Pattern.compile("publishing (\\d+) requests").matcher(resumed);
                assertTrue(published.find() && Integer.parseInt(published.group(1)) >= 1, resumed);
            } finally {
                broker.setMemoryHighWatermark("0.4");
            }
        }
        assertEquals(new Echoed("first"), first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(new Echoed("unread"), unread.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, client.pendingCalls());
    }

    /** The broker's state of the connection named {@code name} ("running", "blocking", "blocked"), or "". */
    private static String connectionState(String name) throws Exception {
        for (String line : broker.listConnections("client_properties", "state").split("\n")) {
            if (line.contains("{\"connection_name\",\"" + name + "\"}")) {
                return line.substring(line.lastIndexOf('\t') + 1).trim();
            }
        }
        return "";
    }
}
