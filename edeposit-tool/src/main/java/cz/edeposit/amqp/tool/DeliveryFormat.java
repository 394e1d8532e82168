package cz.edeposit.amqp.tool;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import cz.edeposit.amqp.wire.PythonEscapes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The line {@code --get} prints per message: the original's JSON object with {@code body},
 * {@code method_frame} and {@code properties}, the last two in pika's {@code <Name(['key=value', ...])>} notation.
 */
final class DeliveryFormat {

    /** The separator the original printed after each message: 79 dashes. */
    static final String SEPARATOR = "-".repeat(79);

    private DeliveryFormat() {
    }

    /** One line of JSON in Python's {@code json.dumps} style: keys in this order, ASCII only. */
    static String line(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        return "{\"body\": " + PythonEscapes.jsonString(new String(body, StandardCharsets.UTF_8))
                + ", \"method_frame\": " + PythonEscapes.jsonString(methodFrame(consumerTag, envelope))
                + ", \"properties\": " + PythonEscapes.jsonString(properties(properties)) + "}";
    }

    /** {@code <Basic.Deliver(['consumer_tag=...', 'delivery_tag=1', 'exchange=search', 'redelivered=False', 'routing_key=result'])>}. */
    static String methodFrame(String consumerTag, Envelope envelope) {
        List<String> items = new ArrayList<>();
        items.add("consumer_tag=" + consumerTag);
        items.add("delivery_tag=" + envelope.getDeliveryTag());
        items.add("exchange=" + envelope.getExchange());
        items.add("redelivered=" + (envelope.isRedeliver() ? "True" : "False"));
        items.add("routing_key=" + envelope.getRoutingKey());
        return describe("Basic.Deliver", items);
    }

    /**
     * {@code <BasicProperties(['content_type=application/json', 'delivery_mode=2', "headers={'UUID': '...'}"])>}:
     * the properties that are set, with pika's names, headers as a dict with sorted keys.
     */
    static String properties(AMQP.BasicProperties p) {
        List<String> items = new ArrayList<>();
        add(items, "app_id", p.getAppId());
        add(items, "cluster_id", p.getClusterId());
        add(items, "content_encoding", p.getContentEncoding());
        add(items, "content_type", p.getContentType());
        add(items, "correlation_id", p.getCorrelationId());
        add(items, "delivery_mode", p.getDeliveryMode());
        add(items, "expiration", p.getExpiration());
        if (p.getHeaders() != null) {
            items.add("headers=" + PythonRepr.dict(p.getHeaders()));
        }
        add(items, "message_id", p.getMessageId());
        add(items, "priority", p.getPriority());
        add(items, "reply_to", p.getReplyTo());
        if (p.getTimestamp() != null) {
            items.add("timestamp=" + p.getTimestamp().getTime() / 1000);
        }
        add(items, "type", p.getType());
        add(items, "user_id", p.getUserId());
        return describe("BasicProperties", items);
    }

    private static void add(List<String> items, String name, Object value) {
        if (value != null) {
            items.add(name + "=" + value);
        }
    }

    // pika: "<%s(%s)>" % (NAME, sorted(items)), a list of 'key=value' strings printed with repr.
    private static String describe(String name, List<String> items) {
        if (items.isEmpty()) {
            return "<" + name + ">";
        }
        return "<" + name + "(" + items.stream().sorted().map(PythonRepr::string)
                .collect(Collectors.joining(", ", "[", "]")) + ")>";
    }
}
