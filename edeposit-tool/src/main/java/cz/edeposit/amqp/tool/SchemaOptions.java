package cz.edeposit.amqp.tool;

import java.util.List;
import java.util.Objects;

/**
 * How the schema goes beyond the original's: the queue type, dead-lettering, extra request exchanges.
 *
 * @param queueType the type of every queue declared
 * @param deadLetter whether each input queue gets a dead-letter exchange, queue and policy
 * @param extraExchanges further request exchanges bound to the input queue with the input key (aleph {@code validate}, {@code count})
 * @param deliveryLimit with dead-lettering of quorum queues: deliveries after which a request is dead-lettered, or 0 for no limit
 */
record SchemaOptions(QueueType queueType, boolean deadLetter, List<String> extraExchanges, int deliveryLimit) {

    SchemaOptions {
        Objects.requireNonNull(queueType, "queueType");
        extraExchanges = List.copyOf(extraExchanges);
        if (deliveryLimit < 0 || deliveryLimit > 0 && (!deadLetter || queueType != QueueType.quorum)) {
            throw new IllegalArgumentException("a delivery limit needs dead-lettering of quorum queues, not " + deliveryLimit
                    + " with " + queueType + (deadLetter ? "" : " and no dead-lettering"));
        }
    }
}
