package cz.edeposit.amqp.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link RpcSupervisor} reacts to a broker it cannot reach or a connection it loses.
 *
 * @param brokerWait     how long to wait for the broker at start-up; {@code null} waits forever,
 *                       zero fails at once
 * @param failFast       give up (and exit non-zero) on a lost connection or channel instead of reconnecting
 * @param initialBackoff the first delay between attempts; it doubles with every failed attempt
 * @param maxBackoff     the longest delay; also how long a daemon must have served before the delay
 *                       starts again from {@code initialBackoff}
 */
public record RecoveryPolicy(Duration brokerWait, boolean failFast, Duration initialBackoff, Duration maxBackoff) {

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
        return new RecoveryPolicy(null, false, Duration.ofSeconds(1), Duration.ofSeconds(30));
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
