package cz.edeposit.amqp.tool;

import java.util.Map;

/**
 * The RabbitMQ queue type the tool declares; the constant names are the {@code --queue-type} values
 * (public for the benchmark's {@code --queue-type}, which declares its queues the same way).
 */
public enum QueueType {
    /** No arguments at all, exactly as the original declared its queues (re-declaration stays compatible). */
    classic(Map.of()),
    /** Replicated Raft queues, what a RabbitMQ cluster needs; declared with {@code x-queue-type: quorum}. */
    quorum(Map.of("x-queue-type", "quorum"));

    private final Map<String, Object> arguments;

    QueueType(Map<String, Object> arguments) {
        this.arguments = arguments;
    }

    /** The {@code queue.declare} arguments: none for classic, so an existing original schema is re-declared as is. */
    public Map<String, Object> arguments() {
        return arguments;
    }
}
