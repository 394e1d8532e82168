package cz.edeposit.amqp.client;

import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.broker.RetryRules;
import cz.edeposit.amqp.settings.HostSettings;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What one vhost's link is doing (idle, up on a session, down and reconnecting, closed) and what
 * waits for it. Every transition is here, under this object's lock, with no I/O and no future
 * completed, so that {@link VhostLink} can call in from any thread and the rules can be unit-tested.
 *
 * @param <S> the session type ({@link LinkSession}; anything in tests)
 */
final class LinkState<S> {

    enum Phase { IDLE, UP, DOWN, CLOSED }

    /** What a lost session leads to. */
    enum Loss {
        /** Not the current session, or already handled: nothing to do. */
        IGNORED,
        /** The link is down: reconnect in the background. */
        RECONNECT,
        /** failFast: the link is idle again; fail the calls that were pending on the session. */
        FAIL_PENDING
    }

    /** The deadline of a reconnect loop that never gives up. */
    static final long FOREVER = RetryRules.FOREVER;

    private final String vhost;
    private final RecoveryPolicy policy;
    private final boolean failFastWhenDisconnected;
    private final LongSupplier nanoClock;
    private final RetryRules rules;
    private final HeldRequests held = new HeldRequests();
    private final Set<HostSettings> hosts = new LinkedHashSet<>();
    private Phase phase = Phase.IDLE;
    private S session;
    private long downSince;
    private String downReason;

    LinkState(String vhost, RecoveryPolicy policy, boolean failFastWhenDisconnected, LongSupplier nanoClock) {
        this.vhost = vhost;
        this.policy = policy;
        this.failFastWhenDisconnected = failFastWhenDisconnected;
        this.nanoClock = nanoClock;
        this.rules = new RetryRules(policy, nanoClock);
    }

    synchronized Phase phase() {
        return phase;
    }

    /**
     * The session to publish {@code request} on, or null when it was held until the link is back.
     *
     * @param fresh a new call, rather than one whose session died under it (those always wait)
     * @throws RpcException when the call must fail: closed, fail-fast while down, or lost while idle
     */
    synchronized S route(Outgoing request, boolean fresh) {
        String host = request.call().host.name();
        switch (phase) {
            case UP:
                return session;
            case DOWN:
                if (fresh && failFastWhenDisconnected) {
                    throw new RpcException("not calling host '" + host + "': " + outageText()
                            + "; the call was not sent because the client fails fast when disconnected");
                }
                hosts.add(request.call().host);
                held.add(request);
                return null;
            case CLOSED:
                throw new ClientClosedException("the client is closed");
            default:
                throw new RpcException("lost the connection to vhost '" + vhost + "' while calling host '" + host
                        + "'; the call was not sent");
        }
    }

    /** A host bound on the current session: every later session binds it too. */
    synchronized void bound(HostSettings host) {
        hosts.add(host);
    }

    /** A host the broker no longer lets us bind: later sessions leave it out. */
    synchronized void unbound(HostSettings host) {
        hosts.remove(host);
    }

    synchronized List<HostSettings> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * The link is up on {@code opened}: returns what waited for it (in doubt first), to publish
     * now, or null when the link was closed meanwhile.
     */
    synchronized List<Outgoing> up(S opened) {
        if (phase == Phase.CLOSED) {
            return null;
        }
        phase = Phase.UP;
        session = opened;
        rules.up();
        downReason = null;
        return held.drain();
    }

    /** The first contact found no broker: down, so that calls wait per brokerWait; false if closed. */
    synchronized boolean unreachable(String reason) {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.DOWN;
        downSince = nanoClock.getAsLong();
        downReason = reason;
        return true;
    }

    /** {@code dead} went away; only the first report about the current session counts. */
    synchronized Loss lost(S dead, String reason) {
        if (phase != Phase.UP || session != dead) {
            return Loss.IGNORED;
        }
        session = null;
        if (policy.failFast()) {
            phase = Phase.IDLE;
            return Loss.FAIL_PENDING;
        }
        phase = Phase.DOWN;
        downSince = nanoClock.getAsLong();
        downReason = reason;
        rules.lost();
        return Loss.RECONNECT;
    }

    /** Requests published on a lost session without a confirm: they go first once the link is back. */
    void holdInDoubt(List<Outgoing> requests) {
        held.addInDoubt(requests);
    }

    /**
     * Records why the last attempt failed and returns how long to wait before the next one (never
     * past {@code deadline}), or null when the link is no longer down (closed meanwhile).
     */
    synchronized Duration nextAttempt(String problem, long deadline) {
        if (phase != Phase.DOWN) {
            return null;
        }
        downReason = problem;
        return rules.nextDelay(deadline);
    }

    /** Whether a failed attempt ends the loop: only for a vhost never reached, per brokerWait. */
    synchronized boolean givesUp(boolean retryable, long deadline) {
        return rules.givesUp(retryable, deadline);
    }

    /** The deadline of the first contact's wait for the broker, counted from now. */
    synchronized long brokerWaitDeadline() {
        return rules.brokerWaitDeadline();
    }

    /** Down to idle after giving up: returns the requests that waited, to fail; null if not down. */
    synchronized List<Outgoing> giveUp() {
        if (phase != Phase.DOWN) {
            return null;
        }
        phase = Phase.IDLE;
        return held.drain();
    }

    /** How long the link has been down. */
    synchronized Duration downFor() {
        return Duration.ofNanos(nanoClock.getAsLong() - downSince);
    }

    /** Why the link is down and for how long; null while it is not down. */
    synchronized String outage() {
        return phase == Phase.DOWN ? outageText() : null;
    }

    private String outageText() {
        return "the client's link to vhost '" + vhost + "' has been down for " + Backoff.seconds(downFor())
                + " s (" + downReason + ") and is being re-established in the background";
    }

    /** Closed for good: returns the session that was up, if any; nothing waits any more. */
    synchronized S close() {
        S current = session;
        phase = Phase.CLOSED;
        session = null;
        held.clear();
        return current;
    }

    synchronized S session() {
        return session;
    }

    /** Requests waiting for the link; for tests. */
    int held() {
        return held.size();
    }
}
