package cz.edeposit.amqp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonTree} builds the tree that {@code ObjectMapper.readTree} built, node class and key order included. */
class JsonTreeTest {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final ObjectReader MAPPER = new ObjectMapper(FACTORY).reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String INSERTED = "{}[],:\"x1 ";

    /** The mapper's tree, or "refused". */
    private static Object mapper(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonNode node = MAPPER.readTree(parser);
            return node == null ? "empty" : node;
        } catch (IOException e) {
            return "refused";
        }
    }

    /** Ours, with the trailing check of {@link NtCodec}, or "refused". */
    private static Object ours(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonNode node = JsonTree.read(parser);
            if (node == null) {
                return "empty";
            }
            return parser.nextToken() == null ? node : "refused";
        } catch (IOException e) {
            return "refused";
        }
    }

    private static void same(String json) {
        Object expected = mapper(json);
        Object actual = ours(json);
        if (expected instanceof JsonNode node && actual instanceof JsonNode tree) {
            sameTree(node, tree, json);
        } else {
            assertEquals(expected, actual, json);
        }
    }

    private static void sameTree(JsonNode expected, JsonNode actual, String json) {
        assertEquals(expected.getClass(), actual.getClass(), json);
        assertEquals(expected, actual, json);
        if (expected.isObject()) {
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            List<String> actualKeys = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            assertEquals(expectedKeys, actualKeys, json);
            for (String key : expectedKeys) {
                sameTree(expected.get(key), actual.get(key), json);
            }
        } else if (expected.isArray()) {
            Iterator<JsonNode> others = actual.elements();
            for (JsonNode item : expected) {
                sameTree(item, others.next(), json);
            }
        }
    }

    @Test
    void buildsTheMappersTreeForEveryKindOfValue() {
        for (String json : List.of("{}", "[]", "null", "true", "false", "0", "-0", "7", "\"\"", "\"text\"",
                "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\", \"f\": {}}, \"g\": []}",
                "[[[]], [{}], {\"x\": [1, {\"y\": null}]}]",
                "\"\\u010d\\ud83d\\ude00\\n\\\"\"", "{\"\": \"\", \"\\u0000\": 0}")) {
            same(json);
        }
    }

    @Test
    void keepsTheMappersNumberTypes() {
        for (String json : List.of("2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
                "1.0", "0.1", "1e3", "1E-400", "1e400", "-1.5e-7", "3.141592653589793238462643383279",
                "NaN", "Infinity", "-Infinity", "[1, 1.0, 10000000000, 1e1]")) {
            same(json);
        }
    }

    @Test
    void takesTheLastOfARepeatedKeyAtThePlaceOfTheFirst() {
        String json = "{\"a\": 1, \"b\": 2, \"a\": {\"c\": [3]}, \"b\": null}";
        same(json);
        JsonNode tree = (JsonNode) ours(json);
        assertEquals(List.of("a", "b"), keys(tree));
        assertTrue(tree.get("a").isObject());
        assertTrue(tree.get("b").isNull());
    }

    @Test
    void refusesWhatTheMapperRefused() {
        for (String json : List.of("{", "[1,", "{\"a\" 1}", "{\"a\": }", "[1 2]", "{} x", "1 2", "{}}", "[]]", "nul",
                "'a'", "{'a': 1}", "[1,]", "{\"a\": 1,}", "\"unterminated", "01", "+1", ".5")) {
            same(json);
            assertEquals("refused", ours(json), json);
        }
    }

    @Test
    void readsNothingFromEmptyInput() throws IOException {
        same("");
        same(" \n\t");
        try (JsonParser parser = FACTORY.createParser("")) {
            assertNull(JsonTree.read(parser));
        }
    }

    @Test
    void readsTheValueAtTheCurrentTokenAndStopsAtItsEnd() throws IOException {
        try (JsonParser parser = FACTORY.createParser("{\"a\": [1, 2]} [3]")) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            JsonNode tree = JsonTree.read(parser);
            assertEquals(Json.tree("{\"a\": [1, 2]}"), tree);
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            assertEquals(Json.tree("[3]"), JsonTree.read(parser));
            assertNull(parser.nextToken());
        }
    }

    @Test
    void followsNestingToTheParsersLimitWithoutRecursion() {
        int depth = NtCodec.MAX_DEPTH;
        String deep = "[".repeat(depth) + "{\"a\": 1}" + "]".repeat(depth);
        same(deep);
        assertFalse(ours("[".repeat(depth) + "]".repeat(depth)) instanceof String);
    }

    @Test
    void agreesWithTheMapperOnRandomAndDamagedDocuments() {
        Random random = new Random(22);
        for (int i = 0; i < 2000; i++) {
            String json = RandomJson.value(random, 0);
            same(json);
            StringBuilder damaged = new StringBuilder(json);
            int at = random.nextInt(damaged.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> damaged.setLength(at);
                case 1 -> damaged.insert(at, INSERTED.charAt(random.nextInt(INSERTED.length())));
                default -> {
                    if (at < damaged.length()) {
                        damaged.deleteCharAt(at);
                    }
                }
            }
            same(damaged.toString());
        }
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            keys.add(field.getKey());
        }
        return keys;
    }

    /** Random JSON text with repeated keys, nulls, numbers of every size and escaped characters. */
    private static final class RandomJson {

        private static final String[] KEYS = {"a", "b", "__nt_name", "", "\\u00e9", "k\\n"};
        private static final String[] NUMBERS = {"0", "-1", "42", "2147483648", "-9223372036854775809",
            "99999999999999999999", "0.5", "-2.5e10", "1e-5", "NaN", "-Infinity"};
        private static final String[] STRINGS = {"\"\"", "\"abc\"", "\"\\u0000\\t\\\"\"", "\"\\ud83d\\ude00 \u017e\""};

        static String value(Random random, int depth) {
            int kind = random.nextInt(depth > 6 ? 4 : 7);
            return switch (kind) {
                case 0 -> NUMBERS[random.nextInt(NUMBERS.length)];
                case 1 -> STRINGS[random.nextInt(STRINGS.length)];
                case 2 -> random.nextBoolean() ? "true" : "false";
                case 3 -> "null";
                case 4, 5 -> {
                    StringBuilder out = new StringBuilder("{");
                    for (int i = random.nextInt(5); i > 0; i--) {
                        out.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\": ")
                                .append(value(random, depth + 1)).append(i > 1 ? ", " : "");
                    }
                    yield out.append('}').toString();
                }
                default -> {
                    StringBuilder out = new StringBuilder("[");
                    for (int i = random.nextInt(5); i > 0; i--) {
                        out.append(value(random, depth + 1)).append(i > 1 ? ", " : "");
                    }
                    yield out.append(']').toString();
                }
            };
        }
    }
}
