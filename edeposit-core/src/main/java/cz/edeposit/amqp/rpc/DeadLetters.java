package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import cz.edeposit.amqp.wire.WireHeaders;

import java.util.HashMap;
import java.util.Map;

/** The copy of a given-up request for the dead-letter exchange: the original, plus why and where from. */
final class DeadLetters {

    private DeadLetters() {
    }

    /** The original properties and headers, persistent, with the three dead-letter headers of {@link WireHeaders} added. */
    static AMQP.BasicProperties properties(AMQP.BasicProperties original, PoisonMessageError error, int attempts,
                                           String queue) {
        AMQP.BasicProperties base = original == null ? new AMQP.BasicProperties() : original;
        Map<String, Object> headers = base.getHeaders() == null ? new HashMap<>() : new HashMap<>(base.getHeaders());
        headers.put(WireHeaders.DEAD_LETTER_ATTEMPTS, attempts);
        headers.put(WireHeaders.DEAD_LETTER_REASON, error.getMessage());
        headers.put(WireHeaders.DEAD_LETTER_QUEUE, queue);
        return base.builder().headers(headers).deliveryMode(WireHeaders.PERSISTENT).build();
    }
}
