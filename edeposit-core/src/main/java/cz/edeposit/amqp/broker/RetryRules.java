package cz.edeposit.amqp.broker;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The reconnect rules of a {@link RecoveryPolicy}, the same for a daemon's supervisor and the RPC
 * client's link to a vhost: how long to wait before the next attempt, when to give up (a broker
 * never reached within {@code brokerWait}, or one that refused us), and when the back-off starts
 * again (after being connected for longer than {@code maxBackoff}: a new incident).
 *
 * <p>Not thread-safe: one reconnect loop (or a caller holding its lock) owns an instance.
 */
public final class RetryRules {

    /** The deadline of a loop that never gives up. */
    public static final long FOREVER = Long.MAX_VALUE;

    private final RecoveryPolicy policy;
    private final LongSupplier nanoClock;
    private final Backoff backoff;
    private boolean everUp;
    private long upSince;

    /** @param nanoClock {@code System::nanoTime}, or a test's clock */
    public RetryRules(RecoveryPolicy policy, LongSupplier nanoClock) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.backoff = Backoff.of(policy);
    }

    /** The deadline for reaching the broker for the first time, counted from now; {@link #FOREVER} without one. */
    public long brokerWaitDeadline() {
        Duration wait = policy.brokerWait();
        return wait == null ? FOREVER : nanoClock.getAsLong() + wait.toNanos();
    }

    /** Connected: a daemon serves, a link is up. */
    public void up() {
        everUp = true;
        upSince = nanoClock.getAsLong();
    }

    /** The connection was lost; after a long enough time up this is a new incident, backed off from the start. */
    public void lost() {
        if (nanoClock.getAsLong() - upSince > policy.maxBackoff().toNanos()) {
            backoff.reset();
        }
    }

    /**
     * Whether a failed attempt ends the loop. Once connected, never (a daemon that has served, and a
     * link that was up, are retried until closed); before, when the broker refused us (credentials,
     * vhost: {@code retryable} false) or {@code deadline} has passed.
     */
    public boolean givesUp(boolean retryable, long deadline) {
        if (everUp) {
            return false;
        }
        return !retryable || (deadline != FOREVER && nanoClock.getAsLong() - deadline >= 0);
    }

    /** How long to wait before the next attempt: the back-off, never past {@code deadline}. */
    public Duration nextDelay(long deadline) {
        Duration delay = backoff.next();
        if (deadline != FOREVER) {
            long left = Math.max(0, deadline - nanoClock.getAsLong());
            if (left < delay.toNanos()) {
                delay = Duration.ofNanos(left);
            }
        }
        return delay;
    }

    /** Whether the loop has been connected at least once. */
    public boolean everUp() {
        return everUp;
    }
}
