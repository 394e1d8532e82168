package cz.edeposit.amqp.tool;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

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

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DeliveryFormat() {
    }

    /** One line of JSON in Python's {@code json.dumps} style: keys in this order, ASCII only. */
    static String line(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        return "{\"body\": " + jsonString(new String(body, StandardCharsets.UTF_8))
                + ", \"method_frame\": " + jsonString(methodFrame(consumerTag, envelope))
                + ", \"properties\": " + jsonString(properties(properties)) + "}";
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

    /** A JSON string as Python's {@code json.dumps} writes it: ASCII only, lowercase {@code \\uXXXX}. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
