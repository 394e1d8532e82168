package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import static cz.edeposit.amqp.codec.RecordShape.NT_NAME;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds Java values from a parsed JSON tree, resolving {@code __nt_name} only through the
 * allow-list.
 *
 * <p>Recursion depth is bounded by the parser's nesting limit, so hostile input cannot overflow
 * the stack here.
 */
final class NtDecoder {

    private static final int MAX_SHOWN = 60;

    private final TypeRegistry allowList;

    NtDecoder(TypeRegistry allowList) {
        this.allowList = allowList;
    }

    /** A value of unknown type, as the original's untyped decoding produced it. */
    Object any(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> node.has(NT_NAME)
                    ? record(node, FieldKind.Scalar.ANY, "") : map(node, FieldKind.Scalar.ANY, "");
            case ARRAY -> list(node, FieldKind.Scalar.ANY, "");
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            default -> null; // NULL: a parsed tree holds no binary, POJO or missing nodes
        };
    }

    private static Object number(JsonNode node) {
        if (!node.isIntegralNumber()) {
            return node.doubleValue();
        }
        if (node.canConvertToInt()) {
            return node.intValue();
        }
        return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }

    /** A value for a component of the given kind; {@code where} names it in error messages. */
    Object value(JsonNode node, FieldKind kind, String where) {
        if (node.isNull()) {
            return null;
        }
        if (kind instanceof FieldKind.Scalar scalar) {
            return scalar(node, scalar, where);
        }
        if (kind instanceof FieldKind.ListOf listOf && node.isArray()) {
            return list(node, listOf.element(), where);
        }
        if (kind instanceof FieldKind.MapOf mapOf && node.isObject() && !node.has(NT_NAME)) {
            return map(node, mapOf.value(), where);
        }
        if ((kind instanceof FieldKind.RecordOf || kind instanceof FieldKind.Implementing)
                && node.isObject() && node.has(NT_NAME)) {
            return record(node, kind, where);
        }
        if (kind instanceof FieldKind.Tree tree && tree.type().isInstance(node)) {
            return node;
        }
        throw mismatch(where, kind, node);
    }

    private Object scalar(JsonNode node, FieldKind.Scalar kind, String where) {
        switch (kind) {
            case ANY:
                return any(node);
            case STRING:
                if (node.isTextual()) {
                    return node.textValue();
                }
                break;
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                break;
            case DOUBLE:
                if (node.isNumber()) {
                    return node.doubleValue();
                }
                break;
            case FLOAT:
                if (node.isNumber()) {
                    return node.floatValue();
                }
                break;
            case BIG_INTEGER:
                if (node.isIntegralNumber()) {
                    return node.bigIntegerValue();
                }
                break;
            case INT:
                if (node.isIntegralNumber()) {
                    if (node.canConvertToInt()) {
                        return node.intValue();
                    }
                    throw new TypeError(where + " must be an integer within 32 bits, not " + show(node));
                }
                break;
            case LONG:
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        return node.longValue();
                    }
                    throw new TypeError(where + " must be an integer within 64 bits, not " + show(node));
                }
                break;
        }
        throw mismatch(where, kind, node);
    }

    private List<Object> list(JsonNode array, FieldKind element, String where) {
        List<Object> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            // Untyped content cannot mismatch, so spare building a location per element.
            out.add(element == FieldKind.Scalar.ANY ? any(item) : value(item, element, where + "[" + i + "]"));
        }
        return out;
    }

    private Map<String, Object> map(JsonNode object, FieldKind value, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            JsonNode item = entry.getValue();
            out.put(entry.getKey(), value == FieldKind.Scalar.ANY
                    ? any(item) : value(item, value, where + "['" + entry.getKey() + "']"));
        }
        return out;
    }

    /** Builds the structure an {@code __nt_name} object names, if the allow-list and {@code kind} permit it. */
    private Object record(JsonNode object, FieldKind kind, String where) {
        JsonNode nameNode = object.get(NT_NAME);
        if (!nameNode.isTextual()) {
            throw new TypeError(NT_NAME + " must be a string, not " + show(nameNode));
        }
        String name = nameNode.textValue();
        MessageType<?> type = allowList.byName(name).orElseThrow(() -> new KeyError(name));
        if (kind != FieldKind.Scalar.ANY && !acceptsType(kind, type.javaType())) {
            throw new TypeError(where + " must be " + kind.describe() + ", not " + name);
        }
        return build(object, type);
    }

    private static boolean acceptsType(FieldKind kind, Class<?> built) {
        if (kind instanceof FieldKind.RecordOf recordOf) {
            return recordOf.type() == built;
        }
        return kind instanceof FieldKind.Implementing implementing && implementing.type().isAssignableFrom(built);
    }

    private Record build(JsonNode object, MessageType<?> type) {
        int size = type.fieldNames().size();
        Object[] args = new Object[size];
        boolean[] present = new boolean[size];
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String field = entry.getKey();
            if (field.equals(NT_NAME)) {
                continue;
            }
            int i = type.indexOf(field);
            if (i < 0) {
                throw new TypeError(type.wireName() + " got an unexpected field '" + field + "'");
            }
            args[i] = value(entry.getValue(), type.kind(i), type.wireName() + "." + field);
            present[i] = true;
        }
        for (int i = 0; i < size; i++) {
            String field = type.fieldNames().get(i);
            if (!present[i]) {
                if (!type.hasDefault(i)) {
                    throw new TypeError(type.wireName() + " is missing field '" + field + "'");
                }
                args[i] = type.defaultValue(i);
            }
            if (args[i] == null && type.isPrimitive(i)) {
                throw new TypeError(type.wireName() + "." + field + " must be "
                        + type.kind(i).describe() + ", not null");
            }
        }
        return type.construct(args);
    }

    private static TypeError mismatch(String where, FieldKind kind, JsonNode found) {
        return new TypeError(where + " must be " + kind.describe() + ", not " + show(found));
    }

    /** The offending value as JSON, cut short: messages go back to the sender and into logs. */
    private static String show(JsonNode node) {
        String text = node.isTextual() && node.textValue().length() > MAX_SHOWN
                ? "\"" + node.textValue().substring(0, MAX_SHOWN) : node.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }
}
