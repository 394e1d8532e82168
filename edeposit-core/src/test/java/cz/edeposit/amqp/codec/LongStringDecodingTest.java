package cz.edeposit.amqp.codec;

import cz.edeposit.amqp.wire.ValueError;
import static cz.edeposit.amqp.codec.Json.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Long strings (base64 documents) are decoded from the body's bytes instead of by Jackson; the
 * values and errors must be exactly those Jackson gives. A codec whose threshold no string
 * reaches is the reference; one with threshold 0 takes every string value the new way.
 */
class LongStringDecodingTest {

    record ScanFile(String filename, @JsonProperty("b64_data") String b64Data) {
    }

    record Wrapper(List<ScanFile> files, Map<String, Object> extra) {
    }

    private static final TypeRegistry TYPES = Messages.registry()
            .plus(TypeRegistry.of(MessageType.of(ScanFile.class), MessageType.of(Wrapper.class)));
    private static final NtCodec JACKSON = new NtCodec(TYPES, Integer.MAX_VALUE, NtCodec.MAX_STRING_CHARS);
    private static final NtCodec EVERY_STRING = new NtCodec(TYPES, 0, NtCodec.MAX_STRING_CHARS);
    private static final NtCodec DEFAULT = new NtCodec(TYPES);

    /** Every escape JSON has, raw Latin-1, Czech and astral text, and Python's line breaks. */
    private static final String ESCAPED = "ab\\/c\\u00e9\\u00E9\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f"
            + "\\u0159\\ud83d\\ude00\\ud800 \\udfff é ř \uD83D\uDE00 \u007f end";
    private static final String ESCAPED_VALUE = "ab/c\u00e9\u00e9\"\\\b\f\n\r\t\u0000\u001f\u007f"
            + "\u0159\uD83D\uDE00\uD800 \uDFFF é ř \uD83D\uDE00 \u007f end";

    private static String base64(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return alphabet.repeat(length / alphabet.length() + 1).substring(0, length);
    }

    private static Object sameAsJackson(String json) {
        Object expected = JACKSON.decode(utf8(json));
        assertEquals(expected, EVERY_STRING.decode(utf8(json)), json);
        assertEquals(expected, DEFAULT.decode(utf8(json)), json);
        return expected;
    }

    @Test
    void decodesEveryKindOfStringAsJacksonDoes() {
        assertEquals(ESCAPED_VALUE, sameAsJackson("\"" + ESCAPED + "\""));
        sameAsJackson("[\"\", \"a\", \"" + ESCAPED + "\", {\"k\": \"\\u00e9\"}, \"\\\"\", \"x\\\\\"]");
        sameAsJackson("{\"a\" : \"b\", \"c\"\t\n:\r\"d\", \"\": \"\"}");
        sameAsJackson("{\"__nt_name\": \"Person\", \"name\": \"Karel Hynek\", \"surname\": \"M\\u00e1cha\"}");
        sameAsJackson("[NaN, -Infinity, 1e400, 100000000000000000000, true, null, \"NaN\"]");
    }

    @Test
    void decodesBigBase64FieldAtEveryPositionLikeJackson() {
        String b64 = base64(200_000) + ESCAPED + "\\n" + base64(1000);
        String value = base64(200_000) + ESCAPED_VALUE + "\n" + base64(1000);
        List<String> bodies = List.of(
                "{\"filename\": \"x.pdf\", \"b64_data\": \"" + b64 + "\", \"__nt_name\": \"ScanFile\"}",
                "{\"b64_data\": \"" + b64 + "\", \"filename\": \"x.pdf\", \"__nt_name\": \"ScanFile\"}",
                "{\"__nt_name\": \"ScanFile\", \"filename\": \"x.pdf\", \"b64_data\":\"" + b64 + "\"}",
                "{\"__nt_name\": \"ScanFile\", \"filename\": \"x.pdf\", \"b64_data\": \"" + b64 + "\"}\n");
        for (String body : bodies) {
            ScanFile decoded = DEFAULT.decode(utf8(body), ScanFile.class);
            assertEquals(new ScanFile("x.pdf", value), decoded);
            assertEquals(JACKSON.decode(utf8(body)), decoded);
        }
    }

    @Test
    void decodesSeveralBigStringsInNestedStructures() {
        String plain = base64(70_000);
        String key = base64(40_000); // Jackson's limit for names is 50,000
        String json = "{\"__nt_name\": \"Wrapper\", \"files\": [{\"__nt_name\": \"ScanFile\", \"filename\": \"a\", "
                + "\"b64_data\": \"" + plain + "\"}, {\"__nt_name\": \"ScanFile\", \"filename\": \"" + plain + "\", "
                + "\"b64_data\": \"" + plain + "\\u00e9\"}], \"extra\": {\"list\": [\"" + plain + "\", \"\", \""
                + plain + "\"], \"" + key + "\": \"key is long\"}}";
        Wrapper wrapper = (Wrapper) sameAsJackson(json);
        assertEquals(plain + "é", wrapper.files().get(1).b64Data());
        assertEquals("key is long", wrapper.extra().get(key));
    }

    @Test
    void takesStringsLookingLikePlaceholdersAsThemselves() {
        sameAsJackson("[\"edeposit-long-string-0-0\", \"" + base64(70_000) + "\", \"edeposit-long-string-\", "
                + "\"edeposit-long-string-0-1\"]");
    }

    @Test
    void reportsBadStringsAsJacksonDoes() {
        List<String> bodies = List.of(
                "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\u00\u00e9\"", "\"a\u0001b\"", "\"a\tb\"", "\"\\'\"",
                "\"abc", "\"abc\\\"", "[\"a\": 1]", "{\"a\" \"b\"}", "{\"a\": \"b\" \"c\"}", "\"a\" x",
                "[1 2, \"abc\"]", "[\"abc\"", "{\"a\": \"b\"}}", "{\"a\"\u000b: 1}", "[\"a\"\u000b]");
        for (String body : bodies) {
            ValueError expected = assertThrows(ValueError.class, () -> JACKSON.decode(utf8(body)), body);
            ValueError actual = assertThrows(ValueError.class, () -> EVERY_STRING.decode(utf8(body)), body);
            assertEquals(expected.getMessage(), actual.getMessage(), body);
        }
    }

    @Test
    void reportsInvalidUtf8InsideLongStringAsNotJson() {
        byte[] body = utf8("[\"" + base64(70_000) + "x\"]");
        body[body.length - 3] = (byte) 0xc0;
        assertEquals(NtCodec.NOT_JSON, assertThrows(ValueError.class, () -> DEFAULT.decode(body)).getMessage());
    }

    @Test
    void countsCharactersNotBytesAgainstTheStringLimit() {
        NtCodec ten = new NtCodec(TYPES, 0, 10);
        assertEquals("0123456789", ten.decode(utf8("\"0123456789\"")));
        assertEquals("éééééééééé", ten.decode(utf8("\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9ééééé\"")));
        assertEquals("\uD83D\uDE00".repeat(5), ten.decode(utf8("\"" + "\uD83D\uDE00".repeat(5) + "\"")));
        for (String json : List.of("\"0123456789a\"", "\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9éééééé\"",
                "\"" + "\uD83D\uDE00".repeat(5) + "a\"", "[1, \"01234567\\n\\n\\n\"]")) {
            assertEquals("JSON document exceeds the decoder's limits",
                    assertThrows(ValueError.class, () -> ten.decode(utf8(json))).getMessage(), json);
        }
        // Errors come in body order, as the parser meets them.
        assertEquals(NtCodec.NOT_JSON,
                assertThrows(ValueError.class, () -> ten.decode(utf8("[1 2, \"0123456789a\"]"))).getMessage());
        assertEquals("JSON document exceeds the decoder's limits",
                assertThrows(ValueError.class, () -> ten.decode(utf8("[\"0123456789a\", 1 2]"))).getMessage());
    }

    @Test
    void refusesStringLongerThanTheCodecLimit() {
        byte[] body = new byte[NtCodec.MAX_STRING_CHARS + 3];
        java.util.Arrays.fill(body, (byte) 'A');
        body[0] = '"';
        body[body.length - 1] = '"';
        assertEquals("JSON document exceeds the decoder's limits",
                assertThrows(ValueError.class, () -> DEFAULT.decode(body)).getMessage());
    }

    @Test
    void passesBigStringsIntoJsonNodeFields() {
        String b64 = base64(100_000);
        String json = "{\"__nt_name\": \"Raw\", \"payload\": {\"data\": \"" + b64 + "\", \"n\": [\"" + b64 + "\"]}}";
        Messages.Raw raw = DEFAULT.decode(utf8(json), Messages.Raw.class);
        assertEquals(JACKSON.decode(utf8(json)), raw);
        assertEquals(b64, raw.payload().get("data").textValue());
    }
}
