package cz.edeposit.amqp.broker;

import java.io.IOException;
import java.util.Optional;

/**
 * A message that {@link ConfirmedPublisher} could not hand to a queue for certain: returned (no queue bound),
 * nacked, not confirmed in time, or its connection was lost. The message names the exchange, the routing key,
 * the vhost and what to do; whether to try again is the caller's policy.
 */
public final class NotDeliveredException extends IOException {

    /** Why the broker did not take the message for certain. */
    public enum Reason {
        /** No queue is bound to the exchange with the key: the message came back ({@code mandatory}). */
        RETURNED,
        /** The broker refused the message ({@code basic.nack}). */
        NACKED,
        /** No confirm came in time; the message may or may not be in a queue. */
        TIMEOUT,
        /** The connection or channel was closed before the confirm. */
        CONNECTION_LOST
    }

    private final Reason reason;
    private final String replyText;

    NotDeliveredException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    NotDeliveredException(Reason reason, String message, String replyText, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.replyText = replyText;
    }

    public Reason reason() {
        return reason;
    }

    /** The broker's reply text of a {@link Reason#RETURNED} message (e.g. {@code NO_ROUTE}); empty otherwise. */
    public Optional<String> replyText() {
        return Optional.ofNullable(replyText);
    }
}
