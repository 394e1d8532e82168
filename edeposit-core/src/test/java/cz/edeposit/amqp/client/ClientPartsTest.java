package cz.edeposit.amqp.client;

import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's broker-free parts: name sniffing, the exception allow-list, options, the pending map. */
class ClientPartsTest {

    private static final HostSettings HOST = new HostSettings("downloader", "downloader", "downloader", "daemon",
            "plone", "request", "result");

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsTheTopLevelNtNameWhereverItIsWritten() {
        assertEquals("Progress", NtNames.of(json("{\"done\": {\"__nt_name\": \"Inner\"}, \"__nt_name\": \"Progress\"}")));
        assertEquals("Progress", NtNames.of(json("{\"__nt_name\": \"Progress\", \"x\": [1, 2]}")));
        assertNull(NtNames.of(json("[{\"__nt_name\": \"Progress\"}]")));
        assertNull(NtNames.of(json("{\"__nt_name\": 3}")));
        assertNull(NtNames.of(json("true")));
        assertNull(NtNames.of(json("{not json")));
    }

    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    @Test
    void rebuildsOnlyRegisteredNamesAndKeepsTheRemoteExceptionAsCause() {
        RemoteErrors errors = RemoteErrors.builder().map("DocumentNotFoundException", r -> new Missing(r.remoteMessage())).build();
        RemoteException notFound = new RemoteException("aleph", "u", "DocumentNotFoundException",
                "<class 'x.DocumentNotFoundException'>", "no such document", "trace");
        RuntimeException rebuilt = errors.rebuild(notFound);
        assertEquals(Missing.class, rebuilt.getClass());
        assertSame(notFound, rebuilt.getCause());
        RemoteException other = new RemoteException("aleph", "u", "ValueError", null, "bad", null);
        assertSame(other, errors.rebuild(other));
        assertThrows(IllegalArgumentException.class, () -> RemoteErrors.builder().map("A", r -> new Missing("a")).map("A", r -> new Missing("b")));
    }

    @Test
    void refusesClientIdsThatAreNotOneTopicWord(@TempDir Path noConfig) {
        RpcClientBuilder builder = RpcClient.builder(
                AmqpSettings.load(new ConfigLocator(noConfig, Map.of(), noConfig), Map.of()));
        for (String bad : new String[] {"a.b", "*", "#", "", "a b"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> builder.clientId(bad));
            assertTrue(error.getMessage().contains("'" + bad + "'"), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> CallOptions.defaults().withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> CallOptions.defaults().withUuid(""));
    }

    @Test
    void emptiesThePendingMapAndDisarmsTheTimerWhateverEndsTheCall() throws Exception {
        PendingCalls pending = new PendingCalls("parts-test");
        try {
            PendingCall<Object> answered = call("a", Duration.ofSeconds(30));
            PendingCall<Object> cancelled = call("b", Duration.ofSeconds(30));
            PendingCall<Object> timedOut = call("c", Duration.ofMillis(20));
            for (PendingCall<Object> call : java.util.List.of(answered, cancelled, timedOut)) {
                pending.add(call, c -> new RpcTimeoutException("late " + c.uuid));
            }
            assertThrows(IllegalArgumentException.class, () -> pending.add(call("a", Duration.ofSeconds(1)), c -> null));
            pending.complete(answered, "reply");
            cancelled.future.cancel(false);
            Throwable error = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> timedOut.future.get(5, java.util.concurrent.TimeUnit.SECONDS)).getCause();
            assertEquals("late c", error.getMessage());
            assertEquals("reply", answered.future.get());
            assertEquals(0, pending.size());
            assertEquals(0, pending.armedTimers());
        } finally {
            pending.shutdown();
        }
    }

    @Test
    void holdsRequestsInDoubtAheadOfNewOnesAndLetsEndedCallsGo() {
        HeldRequests held = new HeldRequests();
        Outgoing inDoubt1 = outgoing("in-doubt-1");
        Outgoing inDoubt2 = outgoing("in-doubt-2");
        Outgoing endedInDoubt = outgoing("ended-in-doubt");
        Outgoing new1 = outgoing("new-1");
        Outgoing cancelled = outgoing("cancelled");
        Outgoing new2 = outgoing("new-2");
        held.add(new1);
        held.add(cancelled);
        held.add(new2);
        endedInDoubt.call().future.completeExceptionally(new RpcTimeoutException("timed out"));
        held.addInDoubt(java.util.List.of(inDoubt1, endedInDoubt, inDoubt2));
        assertEquals(5, held.size());
        cancelled.call().future.cancel(false);
        assertEquals(4, held.size(), "a cancelled call leaves at once, with its body");
        assertEquals(java.util.List.of(inDoubt1, inDoubt2, new1, new2), held.drain());
        assertEquals(0, held.size());
        assertEquals(java.util.List.of(), held.drain());
    }

    @Test
    void drainSkipsACallThatEndedWhileItsRequestWasHeld() {
        HeldRequests held = new HeldRequests();
        PendingCall<Object> call = call("a", Duration.ofSeconds(30));
        held.add(new Outgoing(call, "key", json("{}")));
        call.future.complete("a reply from an earlier delivery");
        assertEquals(java.util.List.of(), held.drain());
    }

    private static Outgoing outgoing(String uuid) {
        return new Outgoing(call(uuid, Duration.ofSeconds(30)), "key", json("{}"));
    }

    private static PendingCall<Object> call(String uuid, Duration timeout) {
        return new PendingCall<>(uuid, HOST, null, timeout, body -> body, body -> body, null);
    }
}
