package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One queue as the management API reports it for {@code --status}: depths, consumers and rates.
 *
 * @param name        the queue's name
 * @param exists      false when the vhost or the queue is missing; every figure is then empty
 * @param ready       messages waiting to be delivered
 * @param unacked     messages delivered and not yet acknowledged
 * @param consumers   consumers on the queue
 * @param publishRate messages published into the queue per second, when the broker reports it
 * @param deliverRate messages delivered (or fetched) from the queue per second, when the broker reports it
 */
record QueueStatus(String name, boolean exists, Optional<Long> ready, Optional<Long> unacked,
                   Optional<Long> consumers, Optional<Double> publishRate, Optional<Double> deliverRate) {

    static QueueStatus missing(String name) {
        return new QueueStatus(name, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** From a {@code GET /api/queues/VHOST/NAME} answer; a figure the broker left out stays empty. */
    static QueueStatus of(String name, JsonNode queue) {
        JsonNode stats = queue.path("message_stats");
        return new QueueStatus(name, true, count(queue, "messages_ready"), count(queue, "messages_unacknowledged"),
                count(queue, "consumers"), rate(stats, "publish_details"), rate(stats, "deliver_get_details"));
    }

    boolean hasConsumer() {
        return consumers.orElse(0L) > 0;
    }

    private static Optional<Long> count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
    }

    private static Optional<Double> rate(JsonNode stats, String field) {
        JsonNode value = stats.path(field).get("rate");
        return value != null && value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
    }
}
