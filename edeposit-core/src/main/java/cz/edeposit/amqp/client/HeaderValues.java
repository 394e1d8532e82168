package cz.edeposit.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads AMQP header values (long strings, mostly) as Java text. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The header's value as text; {@code null} when there are no headers, no such header, or it is void. */
    static String text(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        return headers == null ? null : text(headers.get(name));
    }

    static boolean has(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        return headers != null && headers.containsKey(name);
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LongString longString) {
            return new String(longString.getBytes(), StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
