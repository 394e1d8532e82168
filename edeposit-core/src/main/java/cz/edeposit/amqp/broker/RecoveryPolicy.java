package cz.edeposit.amqp.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@code rpc.RpcSupervisor}, or the RPC client's link to a vhost, reacts to a broker it cannot
 * reach or a connection it loses (the same rules for both; docs/reliability.md, docs/client.md).
 *
 * @param brokerWait     how long to wait for the broker at start-up (for the client: at its first
 *                       contact with a vhost); {@code null} waits forever, zero fails at once
 * @param failFast       give up on a lost connection or channel instead of reconnecting (a daemon
 *                       exits non-zero, the client fails the calls that were pending on it)
 * @param initialBackoff the first delay between attempts; it doubles with every failed attempt
 * @param maxBackoff     the longest delay; also how long a daemon must have served (or a link been
 *                       up) before the delay starts again from {@code initialBackoff}
 */
public record RecoveryPolicy(Duration brokerWait, boolean failFast, Duration initialBackoff, Duration maxBackoff) {

    /** The first delay between attempts of {@link #defaults()}. */
    public static final int DEFAULT_INITIAL_BACKOFF_SECONDS = 1;

    /** The longest delay between attempts of {@link #defaults()}. */
    public static final int DEFAULT_MAX_BACKOFF_SECONDS = 30;

    public RecoveryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (brokerWait != null && brokerWait.isNegative()) {
            throw new IllegalArgumentException("brokerWait must not be negative, not " + brokerWait);
        }
        new Backoff(initialBackoff, maxBackoff); // validates the pair
    }

    /** Wait forever, reconnect forever, back off from 1 s to 30 s. */
    public static RecoveryPolicy defaults() {
        return new RecoveryPolicy(null, false, Duration.ofSeconds(DEFAULT_INITIAL_BACKOFF_SECONDS),
                Duration.ofSeconds(DEFAULT_MAX_BACKOFF_SECONDS));
    }

    public RecoveryPolicy withBrokerWait(Duration wait) {
        return new RecoveryPolicy(wait, failFast, initialBackoff, maxBackoff);
    }

    public RecoveryPolicy withFailFast(boolean fail) {
        return new RecoveryPolicy(brokerWait, fail, initialBackoff, maxBackoff);
    }

    public RecoveryPolicy withBackoff(Duration initial, Duration max) {
        return new RecoveryPolicy(brokerWait, failFast, initial, max);
    }
}
