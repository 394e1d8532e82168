package cz.edeposit.amqp.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * What a daemon does about requests that do not finish normally.
 *
 * @param maxAttempts        how often a request may be started before it is answered with
 *                           {@link PoisonMessageError} instead (at least 1)
 * @param attempts           where counts of redelivered requests are kept
 * @param deadLetterExchange where a given-up request is also published, unchanged, or {@code null}
 * @param handlerTimeout     how long a handler may run before it is interrupted and the request is
 *                           answered with {@link HandlerTimeoutError}; {@code null} for no limit
 * @param consumerTimeout    the broker's {@code consumer_timeout}: a warning is logged when a request
 *                           has been unacked for 80 % of it; {@code null} for no warning
 * @param countFirstDeliveries whether attempts at requests that are not marked redelivered are counted
 *                           too: after a crash, since the request that caused it may come back without
 *                           the flag (republished by a client, say); costs a small file per request
 * @param replyRetry         how long a reply that the broker returned as unroutable is published again
 *                           (with back-off) before it is logged as undeliverable and its request acked;
 *                           zero gives up at once ({@link ReplyRetry})
 */
public record FaultPolicy(int maxAttempts, AttemptStore attempts, String deadLetterExchange,
                          Duration handlerTimeout, Duration consumerTimeout, boolean countFirstDeliveries,
                          Duration replyRetry) {

    /** How often {@link #defaults()} lets a request be started. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** {@link #BROKER_CONSUMER_TIMEOUT} in seconds. */
    public static final int BROKER_CONSUMER_TIMEOUT_SECONDS = 30 * 60;

    /** The broker's default delivery-acknowledgement time-out (rabbitmq.conf {@code consumer_timeout}). */
    public static final Duration BROKER_CONSUMER_TIMEOUT = Duration.ofSeconds(BROKER_CONSUMER_TIMEOUT_SECONDS);

    /** {@link #DEFAULT_REPLY_RETRY} in seconds. */
    public static final int DEFAULT_REPLY_RETRY_SECONDS = 60;

    /**
     * How long {@link #defaults()} retries an unroutable reply: longer than a cluster node's restart
     * takes (a client's reply queue lives on one node, docs/scaling.md), short enough that the
     * requests of a client that is gone for good do not hold a worker's acks for long.
     */
    public static final Duration DEFAULT_REPLY_RETRY = Duration.ofSeconds(DEFAULT_REPLY_RETRY_SECONDS);

    public FaultPolicy {
        Objects.requireNonNull(attempts, "attempts");
        Objects.requireNonNull(replyRetry, "replyRetry");
        if (replyRetry.isNegative()) {
            throw new IllegalArgumentException("replyRetry must not be negative, not " + replyRetry);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (deadLetterExchange != null && deadLetterExchange.isBlank()) {
            throw new IllegalArgumentException("deadLetterExchange must not be blank, not '" + deadLetterExchange + "'");
        }
        requirePositive("handlerTimeout", handlerTimeout);
        requirePositive("consumerTimeout", consumerTimeout);
    }

    /** With {@link #DEFAULT_REPLY_RETRY}. */
    public FaultPolicy(int maxAttempts, AttemptStore attempts, String deadLetterExchange,
                       Duration handlerTimeout, Duration consumerTimeout, boolean countFirstDeliveries) {
        this(maxAttempts, attempts, deadLetterExchange, handlerTimeout, consumerTimeout, countFirstDeliveries,
                DEFAULT_REPLY_RETRY);
    }

    /**
     * Five attempts counted in memory, no dead-letter exchange, no handler limit, the broker's 30 min,
     * unroutable replies retried for {@link #DEFAULT_REPLY_RETRY}.
     */
    public static FaultPolicy defaults() {
        return new FaultPolicy(DEFAULT_MAX_ATTEMPTS, AttemptStore.inMemory(), null, null, BROKER_CONSUMER_TIMEOUT, false);
    }

    public FaultPolicy withMaxAttempts(int max) {
        return new FaultPolicy(max, attempts, deadLetterExchange, handlerTimeout, consumerTimeout, countFirstDeliveries, replyRetry);
    }

    public FaultPolicy withAttempts(AttemptStore store) {
        return new FaultPolicy(maxAttempts, store, deadLetterExchange, handlerTimeout, consumerTimeout, countFirstDeliveries, replyRetry);
    }

    public FaultPolicy withDeadLetterExchange(String exchange) {
        return new FaultPolicy(maxAttempts, attempts, exchange, handlerTimeout, consumerTimeout, countFirstDeliveries, replyRetry);
    }

    public FaultPolicy withHandlerTimeout(Duration timeout) {
        return new FaultPolicy(maxAttempts, attempts, deadLetterExchange, timeout, consumerTimeout, countFirstDeliveries, replyRetry);
    }

    public FaultPolicy withConsumerTimeout(Duration timeout) {
        return new FaultPolicy(maxAttempts, attempts, deadLetterExchange, handlerTimeout, timeout, countFirstDeliveries, replyRetry);
    }

    public FaultPolicy withFirstDeliveriesCounted(boolean counted) {
        return new FaultPolicy(maxAttempts, attempts, deadLetterExchange, handlerTimeout, consumerTimeout, counted, replyRetry);
    }

    public FaultPolicy withReplyRetry(Duration retry) {
        return new FaultPolicy(maxAttempts, attempts, deadLetterExchange, handlerTimeout, consumerTimeout,
                countFirstDeliveries, retry);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
