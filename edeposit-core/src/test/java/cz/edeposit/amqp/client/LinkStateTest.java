package cz.edeposit.amqp.client;

import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.settings.HostSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of a vhost link, without a broker: sessions are plain strings and the clock is turned by hand. */
class LinkStateTest {

    private static final HostSettings HOST = new HostSettings("downloader", "downloader", "downloader", "daemon",
            "plone", "request", "result");
    private static final RecoveryPolicy POLICY = RecoveryPolicy.defaults();
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    private LinkState<String> state(RecoveryPolicy policy, boolean failFastWhenDisconnected) {
        return new LinkState<>("downloader", policy, failFastWhenDisconnected, clock::get);
    }

    private static Outgoing request(String uuid) {
        PendingCall<Object> call = new PendingCall<>(uuid, HOST, null, Duration.ofSeconds(30), body -> body,
                body -> body, null);
        return new Outgoing(call, "id.request", "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void routesToTheSessionWhileUpAndHoldsNewCallsWhileDown() {
        LinkState<String> state = state(POLICY, false);
        assertEquals(List.of(), state.up("session-1"));
        assertEquals("session-1", state.route(request("a"), true));
        assertEquals(LinkState.Loss.RECONNECT, state.lost("session-1", "broker restart"));
        Outgoing waiting = request("b");
        assertNull(state.route(waiting, true));
        assertEquals(1, state.held());
        assertEquals(List.of(HOST), state.hosts(), "a host first called while down is bound on reconnect");
        assertEquals(List.of(waiting), state.up("session-2"));
        assertEquals("session-2", state.route(request("c"), true));
    }

    @Test
    void countsOnlyTheFirstLossOfTheCurrentSession() {
        LinkState<String> state = state(POLICY, false);
        state.up("session-1");
        assertEquals(LinkState.Loss.RECONNECT, state.lost("session-1", "channel closed"));
        assertEquals(LinkState.Loss.IGNORED, state.lost("session-1", "connection closed"));
        state.up("session-2");
        assertEquals(LinkState.Loss.IGNORED, state.lost("session-1", "a late listener of the old session"));
        assertEquals(LinkState.Phase.UP, state.phase());
    }

    @Test
    void publishesRequestsInDoubtBeforeTheOnesMadeWhileDown() {
        LinkState<String> state = state(POLICY, false);
        state.up("session-1");
        state.lost("session-1", "gone");
        Outgoing madeWhileDown = request("new");
        state.route(madeWhileDown, true);
        Outgoing inDoubt = request("unconfirmed");
        state.holdInDoubt(List.of(inDoubt));
        assertEquals(List.of(inDoubt, madeWhileDown), state.up("session-2"));
    }

    @Test
    void failsNewCallsAtOnceWhileDownWhenToldToButLetsRetriedOnesWait() {
        LinkState<String> state = state(POLICY, true);
        state.up("session-1");
        state.lost("session-1", "CONNECTION_FORCED - broker forced connection closure");
        clock.addAndGet(3 * SECOND);
        RpcException error = assertThrows(RpcException.class, () -> state.route(request("fresh"), true));
        assertTrue(error.getMessage().contains("the client's link to vhost 'downloader' has been down for 3 s"
                + " (CONNECTION_FORCED - broker forced connection closure)"), error.getMessage());
        assertTrue(error.getMessage().contains("fails fast when disconnected"), error.getMessage());
        assertNull(state.route(request("published-when-it-died"), false));
        assertEquals(1, state.held());
    }

    @Test
    void goesIdleAndAsksToFailPendingCallsUnderAFailFastPolicy() {
        LinkState<String> state = state(POLICY.withFailFast(true), false);
        state.up("session-1");
        assertEquals(LinkState.Loss.FAIL_PENDING, state.lost("session-1", "gone"));
        assertEquals(LinkState.Phase.IDLE, state.phase());
        assertNull(state.outage());
        assertThrows(RpcException.class, () -> state.route(request("retried"), false));
    }

    @Test
    void backsOffFromTheInitialDelayAndStartsAgainOnlyAfterALongUptime() {
        LinkState<String> state = state(POLICY, false);
        state.up("session-1");
        state.lost("session-1", "gone");
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delays.add(state.nextAttempt("refused", LinkState.FOREVER).toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L), delays);
        state.up("session-2");
        clock.addAndGet(5 * SECOND);
        state.lost("session-2", "gone again soon");
        assertEquals(Duration.ofSeconds(8), state.nextAttempt("refused", LinkState.FOREVER), "the same incident");
        state.up("session-3");
        clock.addAndGet(31 * SECOND);
        state.lost("session-3", "gone after a good while");
        assertEquals(Duration.ofSeconds(1), state.nextAttempt("refused", LinkState.FOREVER), "a new incident");
    }

    @Test
    void waitsForAVhostNeverReachedOnlyUntilTheDeadlineAndThenGivesUpOnWhatWaited() {
        LinkState<String> state = state(POLICY, false);
        assertTrue(state.unreachable("cannot connect"));
        Outgoing waiting = request("a");
        assertNull(state.route(waiting, true));
        long deadline = clock.get() + 5 * SECOND;
        assertEquals(Duration.ofSeconds(1), state.nextAttempt("cannot connect", deadline));
        clock.addAndGet(4 * SECOND);
        assertEquals(Duration.ofSeconds(1), state.nextAttempt("cannot connect", deadline), "never past the deadline");
        assertFalse(state.givesUp(true, deadline));
        assertTrue(state.givesUp(false, deadline), "a refusal (credentials, vhost) is not waited for");
        clock.addAndGet(SECOND);
        assertTrue(state.givesUp(true, deadline));
        assertEquals(List.of(waiting), state.giveUp());
        assertEquals(LinkState.Phase.IDLE, state.phase());
    }

    @Test
    void neverGivesUpOnAVhostItHasReachedBefore() {
        LinkState<String> state = state(POLICY, false);
        state.up("session-1");
        state.lost("session-1", "gone");
        clock.addAndGet(3_600 * SECOND);
        assertFalse(state.givesUp(false, clock.get() - SECOND));
        assertTrue(state.outage().contains("has been down for 3600 s (gone)"), state.outage());
    }

    @Test
    void closeStopsEverythingAndHandsBackTheSessionOnce() {
        LinkState<String> state = state(POLICY, false);
        state.up("session-1");
        assertSame("session-1", state.close());
        assertNull(state.close());
        assertThrows(ClientClosedException.class, () -> state.route(request("a"), true));
        assertNull(state.up("late-session"), "a session opened while closing is not used");
        assertNull(state.nextAttempt("x", LinkState.FOREVER), "the reconnect loop ends");
        assertFalse(state.unreachable("x"));
    }
}
