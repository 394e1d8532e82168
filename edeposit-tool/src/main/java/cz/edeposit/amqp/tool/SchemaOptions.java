package cz.edeposit.amqp.tool;

import java.util.List;
import java.util.Objects;

/**
 * How the schema goes beyond the original's: the queue type, dead-lettering, extra request exchanges.
 *
 * @param queueType the type of every queue declared
 * @param deadLetter whether each input queue gets a dead-letter exchange, queue and policy
 * @param extraExchanges further request exchanges bound to the input queue with the input key (aleph {@code validate}, {@code count})
 */
record SchemaOptions(QueueType queueType, boolean deadLetter, List<String> extraExchanges) {

    /** What the original tool declared. */
    static final SchemaOptions ORIGINAL = new SchemaOptions(QueueType.classic, false, List.of());

    SchemaOptions {
        Objects.requireNonNull(queueType, "queueType");
        extraExchanges = List.copyOf(extraExchanges);
    }
}
