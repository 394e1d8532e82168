package cz.edeposit.amqp.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads one JSON value into Jackson's tree model, node for node as {@code ObjectMapper.readTree} with its
 * default settings builds it, without the data binding around it.
 *
 * <p>An {@code ObjectMapper} is some 270 classes of data binding that the daemons never use, and its class
 * initialisation makes a {@code SimpleDateFormat}, whose calendar lists every locale of the JDK (about 1 000
 * locale objects kept in the heap): memory that every daemon paid for reading its settings and its messages
 * (docs/performance.md, "Memory"). {@code JsonTreeTest} compares the trees of both on the same texts.
 *
 * <p>As the mapper's defaults do: an object keeps its keys in order, a repeated key takes the last value at
 * the place of the first, {@code null} values are kept, an integer becomes the smallest of int, long and
 * {@code BigInteger} that holds it, any other number a double. Nesting is followed without recursion; its
 * depth is the parser's limit.
 */
public final class JsonTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTree() {
    }

    /**
     * The value that starts at the parser's current token, or at its next one when it has none yet; null
     * when the input holds no value. The parser is left at the value's last token.
     *
     * @throws IOException what the parser throws for text that is not JSON or exceeds its limits
     */
    public static JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            token = parser.nextToken();
            if (token == null) {
                return null;
            }
        }
        if (!token.isStructStart()) {
            return scalar(parser, token);
        }
        ContainerNode<?> root = container(token);
        Deque<ContainerNode<?>> outer = new ArrayDeque<>();
        ContainerNode<?> current = root;
        String name = null;
        while (true) {
            token = parser.nextToken();
            if (token == null) {
                throw new JsonParseException(parser, "Unexpected end-of-input within a JSON value");
            }
            switch (token) {
                case FIELD_NAME -> name = parser.currentName();
                case END_OBJECT, END_ARRAY -> {
                    if (outer.isEmpty()) {
                        return root;
                    }
                    current = outer.pop();
                }
                case START_OBJECT, START_ARRAY -> {
                    ContainerNode<?> child = container(token);
                    add(current, name, child);
                    outer.push(current);
                    current = child;
                }
                default -> add(current, name, scalar(parser, token));
            }
        }
    }

    private static ContainerNode<?> container(JsonToken start) {
        return start == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    }

    private static void add(ContainerNode<?> container, String name, JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.replace(name, value); // a repeated key: the last value, where the first was
        } else {
            ((ArrayNode) container).add(value);
        }
    }

    private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            // JSON text has no float type of its own: every fraction, NaN and Infinity is a double.
            case VALUE_NUMBER_FLOAT -> parser.getNumberTypeFP() == JsonParser.NumberTypeFP.FLOAT32
                    ? NODES.numberNode(parser.getFloatValue()) : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "Unexpected token " + token + " for a JSON value");
        };
    }
}
