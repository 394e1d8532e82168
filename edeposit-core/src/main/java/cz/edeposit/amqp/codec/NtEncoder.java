package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.TypeError;
import static cz.edeposit.amqp.codec.RecordShape.NT_NAME;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Writes Java values as the original serializer did: records as objects tagged with their wire
 * name, lists, tuples and arrays alike as arrays, and nothing Python's {@code json} would refuse.
 */
final class NtEncoder {

    private NtEncoder() {
    }

    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof BigInteger big) {
            g.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            g.writeNumber(decimal);
        } else if (value instanceof Double d) {
            g.writeNumber(PythonFloats.repr(d));
        } else if (value instanceof Float f) {
            g.writeNumber(PythonFloats.repr(f));
        } else if (value instanceof Base64Source data) {
            writeBase64(g, data);
        } else if (value instanceof Record record) {
            writeRecord(g, record);
        } else if (value instanceof JsonNode node) {
            writeTree(g, node);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                g.writeFieldName(key(entry.getKey()));
                write(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> collection && !(value instanceof Set<?>)) {
            // Sets have no order and Python's json refused them; lists and queues keep theirs.
            g.writeStartArray();
            for (Object item : collection) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value.getClass().isArray() && !(value instanceof byte[]) && !(value instanceof char[])) {
            // byte[] would need an encoding choice (the wire uses base64 strings), char[] a string one.
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                write(g, Array.get(value, i));
            }
            g.writeEndArray();
        } else {
            throw notSerializable(value);
        }
    }

    /** Streams the data into the body; the stream is read at most to its length, a shorter one fails. */
    private static void writeBase64(JsonGenerator g, Base64Source data) throws IOException {
        if (data.length() > Integer.MAX_VALUE) {
            throw new TypeError("base64 data of " + data.length() + " bytes is too long for one message");
        }
        try (InputStream in = data.open()) {
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, in, (int) data.length());
        }
    }

    private static void writeRecord(JsonGenerator g, Record record) throws IOException {
        RecordShape shape;
        try {
            shape = RecordShape.of(record.getClass());
        } catch (IllegalArgumentException e) {
            throw new TypeError(record.getClass().getName() + " is not JSON serializable: " + e.getMessage(), e);
        }
        g.writeStartObject();
        for (int i = 0; i < shape.size(); i++) {
            g.writeFieldName(shape.fieldNames().get(i));
            write(g, shape.component(record, i));
        }
        // Last, so the structure's own fields read first in logs and golden files.
        g.writeFieldName(NT_NAME);
        g.writeString(shape.wireName());
        g.writeEndObject();
    }

    private static void writeTree(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    g.writeFieldName(entry.getKey());
                    writeTree(g, entry.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    writeTree(g, item);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> write(g, node.numberValue());
            default -> throw notSerializable(node);
        }
    }

    /** Python's json turned non-string keys into text; anything else it rejected. */
    private static String key(Object key) {
        if (key == null) {
            return "null";
        } else if (key instanceof String s) {
            return s;
        } else if (key instanceof Boolean b) {
            return b ? "true" : "false";
        } else if (key instanceof Double d) {
            return PythonFloats.repr(d);
        } else if (key instanceof Float f) {
            return PythonFloats.repr(f);
        } else if (key instanceof Integer || key instanceof Long || key instanceof Short
                || key instanceof Byte || key instanceof BigInteger || key instanceof BigDecimal) {
            return key.toString();
        }
        throw new TypeError("map key of type " + key.getClass().getName() + " is not JSON serializable");
    }

    private static TypeError notSerializable(Object value) {
        return new TypeError(value.getClass().getName() + " is not JSON serializable");
    }
}
