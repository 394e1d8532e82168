package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.rpc.RpcOptions;

/**
 * The whole numbers a daemon option accepts, stated once (the bench checks its --workers and
 * --prefetch with the same ranges); the bounds that the policies enforce
 * themselves come from their constants, so the command line and the policies cannot drift apart.
 *
 * @param option the option's long name, which the message names
 * @param min    the smallest value
 * @param max    the largest value, or {@link Integer#MAX_VALUE} for no upper bound
 */
public record OptionRange(String option, int min, int max) {

    public static final OptionRange WORKERS = new OptionRange("--workers", 1, RpcOptions.MAX_WORKERS);
    public static final OptionRange PREFETCH = new OptionRange("--prefetch", 1, RpcOptions.MAX_PREFETCH);
    static final OptionRange DRAIN_TIMEOUT = atLeast("--drain-timeout", 0);
    static final OptionRange STOP_TIMEOUT = atLeast("--stop-timeout", 0);
    static final OptionRange START_TIMEOUT = atLeast("--start-timeout", 1);
    static final OptionRange BROKER_WAIT = atLeast("--broker-wait", 0);
    static final OptionRange MAX_BACKOFF = new OptionRange("--max-backoff", 1, 3600);
    static final OptionRange MAX_ATTEMPTS = new OptionRange("--max-attempts", 1, 1000);
    static final OptionRange HANDLER_TIMEOUT = atLeast("--handler-timeout", 0);
    static final OptionRange CONSUMER_TIMEOUT = atLeast("--consumer-timeout", 0);
    static final OptionRange REPLY_RETRY = new OptionRange("--reply-retry", 0, 3600);
    static final OptionRange HEARTBEAT = new OptionRange("--heartbeat", 0, BrokerConnection.MAX_HEARTBEAT_SECONDS);
    static final OptionRange METRICS_PORT = new OptionRange("--metrics-port", 1, 65535);

    private static OptionRange atLeast(String option, int min) {
        return new OptionRange(option, min, Integer.MAX_VALUE);
    }

    /** @throws IllegalArgumentException naming the option, its range and {@code value}, when it is outside */
    public int check(int value) {
        if (value < min || value > max) {
            String range = max != Integer.MAX_VALUE ? "be " + min + "-" + max
                    : min == 0 ? "not be negative" : "be at least " + min;
            throw new IllegalArgumentException(option + " must " + range + ", not " + value);
        }
        return value;
    }
}
