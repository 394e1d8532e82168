package cz.edeposit.amqp.tool;

import com.rabbitmq.client.LongString;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Python 3 {@code repr()} of AMQP field values, the notation of pika's descriptions that {@code --get}
 * imitates: {@code 'text'}, {@code None}, {@code True}, {@code [1, 2]}, {@code {'UUID': 'x'}}.
 */
final class PythonRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonRepr() {
    }

    /** The repr of an AMQP field value as the RabbitMQ client decodes it. */
    static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof LongString longString) {
            return bytesOrText(longString.getBytes());
        }
        if (value instanceof byte[] bytes) {
            return bytes(bytes);
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof Date date) {
            return Long.toString(date.getTime() / 1000);
        }
        if (value instanceof Map<?, ?> map) {
            return dict(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonRepr::of).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Object[] array) {
            return of(List.of(array));
        }
        return value instanceof Number ? value.toString() : string(value.toString());
    }

    /** A dict with its keys sorted, so the same headers always print the same way. */
    static String dict(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(String.valueOf(key), value));
        return sorted.entrySet().stream()
                .map(entry -> string(entry.getKey()) + ": " + of(entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Python's str repr: single quotes unless the text holds a single quote and no double quote. */
    static String string(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (Character.isISOControl(c)) {
                        out.append("\\x").append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else if (c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(Integer.toHexString(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    // Header values are long strings: text when they are UTF-8 (the usual case), bytes otherwise.
    private static String bytesOrText(byte[] bytes) {
        try {
            return string(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return bytes(bytes);
        }
    }

    private static String bytes(byte[] bytes) {
        StringBuilder out = new StringBuilder("b'");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\\' || c == '\'') {
                out.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.append('\'').toString();
    }
}
