package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;

import java.util.HashMap;
import java.util.Map;

/** The copy of a given-up request for the dead-letter exchange: the original, plus why and where from. */
final class DeadLetters {

    /** How often the request was started. */
    static final String ATTEMPTS = "x-edeposit-attempts";
    /** The PoisonMessageError message. */
    static final String REASON = "x-edeposit-reason";
    /** The input queue it was taken from. */
    static final String QUEUE = "x-edeposit-queue";

    private DeadLetters() {
    }

    /** The original properties and headers, persistent, with the three headers above added. */
    static AMQP.BasicProperties properties(AMQP.BasicProperties original, PoisonMessageError error, int attempts,
                                           String queue) {
        AMQP.BasicProperties base = original == null ? new AMQP.BasicProperties() : original;
        Map<String, Object> headers = base.getHeaders() == null ? new HashMap<>() : new HashMap<>(base.getHeaders());
        headers.put(ATTEMPTS, attempts);
        headers.put(REASON, error.getMessage());
        headers.put(QUEUE, queue);
        return base.builder().headers(headers).deliveryMode(2).build();
    }
}
