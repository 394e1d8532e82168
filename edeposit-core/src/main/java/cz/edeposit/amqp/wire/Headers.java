package cz.edeposit.amqp.wire;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one reader of AMQP header values: the raw value (echoed byte for byte, as the {@code UUID} of a
 * reply must be) and the value as Java text (AMQP long strings arrive as bytes).
 */
public final class Headers {

    private Headers() {
    }

    /** The header's value as it arrived; {@code null} when there are no headers, no such header, or it is void. */
    public static Object raw(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        return headers == null ? null : headers.get(name);
    }

    /** The header's value as text; {@code null} when there are no headers, no such header, or it is void. */
    public static String text(AMQP.BasicProperties properties, String name) {
        return text(raw(properties, name));
    }

    /** Whether the header is present, even void: a request without {@code UUID} gets the no-UUID reply. */
    public static boolean has(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        return headers != null && headers.containsKey(name);
    }

    /** A header value as text: long strings and byte arrays as UTF-8, anything else by {@code toString}. */
    public static String text(Object value) {
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

    /**
     * {@code value} as a reply echoes it: an AMQP long string of ASCII bytes becomes a {@code String},
     * which amqp-client writes as the same long string, byte for byte, where it copies a
     * {@code LongString} through a new 4 KiB buffer each time (about a third of what a daemon
     * allocated per request in the benchmark, docs/performance.md); any other value stays as it is.
     */
    public static Object echoed(Object value) {
        if (value instanceof LongString longString) {
            byte[] bytes = longString.getBytes();
            for (byte b : bytes) {
                if (b < 0) {
                    return value;
                }
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        return value;
    }

    /** A raw {@code UUID} value as text for log lines and keys ({@code "null"} when absent); the reply carries the raw value. */
    public static String uuidText(Object uuid) {
        return String.valueOf(text(uuid));
    }
}
