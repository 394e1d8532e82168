package cz.edeposit.amqp.broker;

import java.time.Duration;
import java.util.Locale;

/**
 * Bounded exponential back-off (1 s, 2 s, 4 s ... up to a maximum, until {@link #reset()}): the one
 * rule for retrying the broker, shared by the daemons' {@code rpc.RpcSupervisor} and the RPC client's
 * reconnect loop. Not thread-safe: one retry loop owns an instance.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    /** @throws IllegalArgumentException unless {@code 0 < initial <= max} */
    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off must be 0 < initial <= max, not " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The back-off of {@code policy}: from its initial to its maximum delay. */
    public static Backoff of(RecoveryPolicy policy) {
        return new Backoff(policy.initialBackoff(), policy.maxBackoff());
    }

    /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
    public Duration next() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** Starts again from the initial delay: the next failure is a new incident. */
    public void reset() {
        next = initial;
    }

    /** A delay as the retry messages print it: whole seconds as such, shorter delays (tests) with a decimal. */
    public static String seconds(Duration delay) {
        long millis = delay.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
