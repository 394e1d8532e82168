package cz.edeposit.amqp.client;

import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.LogCapture;

import cz.edeposit.amqp.testing.EchoDaemon.Done;
import cz.edeposit.amqp.testing.EchoDaemon.Echo;
import cz.edeposit.amqp.testing.EchoDaemon.Echoed;
import cz.edeposit.amqp.testing.EchoDaemon.Sleep;
import cz.edeposit.amqp.settings.HostSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How calls end without a reply (time-out, unroutable request, close) and that none leaves anything
 * behind; and that a call outlives its own connection being closed.
 */
class RpcClientFailuresIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Back-off as the fault tests use it: short, so a test does not wait for the 1 s default. */
    private static final RecoveryPolicy FAST_RETRY = RecoveryPolicy.defaults()
            .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(2));

    private EchoFixture fixture;
    private RpcClient client;

    @BeforeEach
    void setUp() throws IOException {
        fixture = new EchoFixture();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.close();
        }
        fixture.close();
    }

    @Test
    void timesOutAndDropsTheLateReply() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        long start = System.nanoTime();
        RpcTimeoutException timeout = assertThrows(RpcTimeoutException.class, () -> client.callAndWait(fixture.host,
                new Sleep(1500), Done.class, CallOptions.defaults().withTimeout(Duration.ofMillis(300))));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 300 && tookMillis < 1400, "timed out after " + tookMillis + " ms");
        assertTrue(timeout.getMessage().contains("within 300 ms"), timeout.getMessage());
        assertEquals(0, client.pendingCalls());
        Await.until("the late reply is dropped", Duration.ofSeconds(10), () -> client.droppedReplies() == 1);
        assertEquals(new Echoed("after"), client.callAndWait(fixture.host, new Echo("after")));
    }

    @Test
    void failsAnUnroutableRequestAtOnceNamingTheMissingBinding() throws Exception {
        client = fixture.client().createBindings(false).build();
        long start = System.nanoTime();
        CompletableFuture<Object> call = client.call(fixture.host, new Echo(1));
        ExecutionException error = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        UnroutableRequestException unroutable = assertInstanceOf(UnroutableRequestException.class, error.getCause());
        String binding = "downloader[\"" + client.clientId() + ".request\"] -> daemon";
        assertTrue(unroutable.getMessage().contains(binding), unroutable.getMessage());
        assertTrue(tookMillis < 5_000, "failed only after " + tookMillis + " ms");
        assertEquals(binding, client.requiredBindings(fixture.host).get(0));
        assertEquals(0, client.pendingCalls());
    }

    @Test
    void leavesNoPendingCallOrTimerAfter10000CallsWith10PercentTimeouts() throws Exception {
        fixture.startDaemon(2, 32);
        // Every tenth call goes to a queue nobody consumes yet, so it times out whatever the machine's load.
        HostSettings parked = fixture.parkedHost();
        client = fixture.client().build();
        int calls = 10_000;
        Semaphore inFlight = new Semaphore(64);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            CompletableFuture<Object> call = i % 10 == 0
                    ? client.call(parked, new Echo(i), CallOptions.defaults().withTimeout(Duration.ofMillis(20)))
                    : client.call(fixture.host, new Echo(i));
            all.add(call.whenComplete((value, error) -> {
                inFlight.release();
                if (error == null) {
                    answered.incrementAndGet();
                } else if (error instanceof RpcTimeoutException) {
                    timedOut.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(120, TimeUnit.SECONDS);
        assertEquals(0, other.get(), "calls that failed otherwise");
        assertEquals(1_000, timedOut.get());
        assertEquals(9_000, answered.get());
        assertEquals(0, client.pendingCalls());
        assertEquals(0, client.armedTimers());
        // Now the parked requests are answered: every reply is late, dropped, and leaves nothing behind.
        fixture.startDaemon(parked, 1, 64);
        Await.until("1000 late replies are dropped", Duration.ofSeconds(60), () -> client.droppedReplies() == 1_000);
        assertEquals(0, client.pendingCalls());
        assertEquals(0, client.armedTimers());
        assertEquals(0, client.unconfirmedRequests());
    }

    /**
     * The client's own connections (never anyone else's), once the management API lists them: it
     * refreshes its statistics every few seconds, so wait for this before starting a call.
     */
    private List<String> clientConnections() throws Exception {
        var management = fixture.vhost.management();
        String name = "edeposit-client " + client.clientId();
        Await.until("the management API lists the connection", Duration.ofSeconds(30),
                () -> !management.connections(fixture.vhost.name(), name).isEmpty());
        return management.connections(fixture.vhost.name(), name);
    }

    @Test
    void reconnectsWhenItsConnectionIsClosedAndThePendingCallStillGetsItsReply() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().recoveryPolicy(FAST_RETRY).build();
        assertEquals(new Echoed(1), client.callAndWait(fixture.host, new Echo(1)));
        List<String> connections = clientConnections();
        try (LogCapture log = new LogCapture(VhostLink.class)) {
            CompletableFuture<Object> pending = client.call(fixture.host, new Sleep(3_000));
            connections.forEach(fixture.vhost.management()::closeConnection);
            String lost = log.await("lost its link to vhost", WAIT);
            assertTrue(lost.contains("Closed via management plugin") && lost.contains("1 calls wait for it; reconnecting in 0.3 s"),
                    lost);
            assertEquals(new Done(0), pending.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            log.await("reconnected to vhost", WAIT);
        }
        assertEquals(0, client.pendingCalls());
        assertEquals(new Echoed(2), client.callAndWait(fixture.host, new Echo(2)));
    }

    @Test
    void failsPendingCallsAtOnceWhenTheConnectionDropsUnderAFailFastPolicy() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().recoveryPolicy(FAST_RETRY.withFailFast(true)).build();
        assertEquals(new Echoed(1), client.callAndWait(fixture.host, new Echo(1)));
        List<String> connections = clientConnections();
        CompletableFuture<Object> pending = client.call(fixture.host, new Sleep(3_000));
        connections.forEach(fixture.vhost.management()::closeConnection);
        ExecutionException error = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RpcException.class, error.getCause());
        assertTrue(error.getCause().getMessage().contains("lost the connection"), error.getCause().getMessage());
        assertEquals(0, client.pendingCalls());
        assertEquals(new Echoed(2), client.callAndWait(fixture.host, new Echo(2)));
    }

    @Test
    void closeFailsPendingCallsPromptlyAndRemovesTheReplyQueue() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(client.call(fixture.host, new Sleep(3_000)));
        }
        assertTrue(fixture.queueExists(client.replyQueue()));
        long start = System.nanoTime();
        client.close();
        for (CompletableFuture<Object> call : calls) {
            ExecutionException error = assertThrows(ExecutionException.class, () -> call.get(1, TimeUnit.SECONDS));
            assertInstanceOf(ClientClosedException.class, error.getCause());
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 2_000, "close took " + tookMillis + " ms");
        assertEquals(0, client.pendingCalls());
        assertFalse(fixture.queueExists(client.replyQueue()));
        CompletableFuture<Object> after = client.call(fixture.host, new Echo(1));
        assertInstanceOf(ClientClosedException.class,
                assertThrows(ExecutionException.class, () -> after.get(1, TimeUnit.SECONDS)).getCause());
    }

    @Test
    void cancellingACallRemovesItsPendingEntry() throws Exception {
        fixture.startDaemon(1, 1);
        client = fixture.client().build();
        CompletableFuture<Object> call = client.call(fixture.host, new Sleep(500));
        assertEquals(1, client.pendingCalls());
        call.cancel(false);
        assertEquals(0, client.pendingCalls());
        assertEquals(0, client.armedTimers());
    }
}
