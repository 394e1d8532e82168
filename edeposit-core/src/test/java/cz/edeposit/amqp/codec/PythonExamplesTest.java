package cz.edeposit.amqp.codec;

import static cz.edeposit.amqp.codec.Json.tree;
import static cz.edeposit.amqp.codec.Json.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.codec.Messages.ISBNQuery;
import cz.edeposit.amqp.codec.Messages.Person;
import cz.edeposit.amqp.codec.Messages.SearchRequest;
import cz.edeposit.amqp.codec.Messages.TestNT;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact outputs of the Python original (docs/wire-protocol.md, "Encoding"): we must read them, and what we
 * write back must parse to the same JSON value (key order is free on the wire).
 */
class PythonExamplesTest {

    private final NtCodec codec = Messages.codec();

    /** Decodes Python's bytes to {@code expected}, then checks our encoding has the same JSON value. */
    private void roundTrip(String python, Object expected) {
        Object decoded = codec.decode(utf8(python));
        assertEquals(expected, decoded);
        assertEquals(tree(python), tree(codec.encodeToString(decoded)));
        assertEquals(tree(python), tree(codec.encodeToString(expected)));
    }

    @Test
    void decodesPersonWhateverTheKeyOrder() {
        roundTrip("{\"surname\": \"Bystroushaak\", \"name\": \"Lishaak\", \"__nt_name\": \"Person\"}",
                new Person("Lishaak", "Bystroushaak"));
    }

    @Test
    void decodesNestedQueryThroughAllowList() {
        roundTrip("{\"query\": {\"base\": \"nkc\", \"ISBN\": \"80-251-0225-4\", \"__nt_name\": \"ISBNQuery\"}, "
                        + "\"__nt_name\": \"SearchRequest\"}",
                new SearchRequest(new ISBNQuery("80-251-0225-4", "nkc")));
    }

    @Test
    void decodesRecordsInsideTuplesAndDicts() {
        String python = "[{\"second\": \"dva\", \"__nt_name\": \"TestNT\", \"first\": 1}, "
                + "[1, 2, {\"second\": true, \"__nt_name\": \"TestNT\", \"first\": null}], "
                + "{\"a\": {\"second\": [], \"__nt_name\": \"TestNT\", \"first\": 1.5}}]";
        roundTrip(python, List.of(
                new TestNT(1, "dva"),
                List.of(1, 2, new TestNT(null, true)),
                Map.of("a", new TestNT(1.5, List.of()))));
    }

    @Test
    void encodesNonStringKeysAsTheirText() {
        Map<Object, Object> python = new LinkedHashMap<>();
        python.put(1, "x");
        python.put("b", List.of(1, 2));
        assertEquals(tree("{\"1\": \"x\", \"b\": [1, 2]}"), tree(codec.encodeToString(python)));
        assertEquals(Map.of("1", "x", "b", List.of(1, 2)), codec.decode(utf8("{\"1\": \"x\", \"b\": [1, 2]}")));
    }

    @Test
    void roundTripsEscapedUnicodeString() {
        roundTrip("\"P\\u0159\\u00edli\\u0161\"", "Příliš");
        assertEquals("\"P\\u0159\\u00edli\\u0161\"", codec.encodeToString("Příliš"));
    }

    @Test
    void roundTripsScalars() {
        roundTrip("true", true);
        roundTrip("1.1", 1.1);
        roundTrip("100000000000000000000", BigInteger.TEN.pow(20));
        assertNull(codec.decode(utf8("null")));
        assertEquals("null", codec.encodeToString(null));
        Object nan = codec.decode(utf8("NaN"));
        assertTrue(nan instanceof Double d && d.isNaN(), "NaN decodes to a Double NaN");
        assertEquals("NaN", codec.encodeToString(Double.NaN));
    }

    @Test
    void roundTripsEmptyContainers() {
        roundTrip("{}", Map.of());
        roundTrip("[]", List.of());
        assertInstanceOf(LinkedHashMap.class, codec.decode(utf8("{}")));
        assertEquals("{}", codec.encodeToString(Map.of()));
        assertEquals("[]", codec.encodeToString(List.of()));
    }

    @Test
    void writesDeclarationOrderWithNtNameLast() {
        assertEquals("{\"name\": \"Lishaak\", \"surname\": \"Bystroushaak\", \"__nt_name\": \"Person\"}",
                codec.encodeToString(new Person("Lishaak", "Bystroushaak")));
        assertEquals("{\"query\": {\"ISBN\": \"80-251-0225-4\", \"base\": \"nkc\", \"__nt_name\": \"ISBNQuery\"}, "
                        + "\"__nt_name\": \"SearchRequest\"}",
                codec.encodeToString(new SearchRequest(new ISBNQuery("80-251-0225-4", "nkc"))));
        assertEquals("[{\"first\": 1, \"second\": \"dva\", \"__nt_name\": \"TestNT\"}, "
                        + "[1, 2, {\"first\": null, \"second\": true, \"__nt_name\": \"TestNT\"}], "
                        + "{\"a\": {\"first\": 1.5, \"second\": [], \"__nt_name\": \"TestNT\"}}]",
                codec.encodeToString(List.of(new TestNT(1, "dva"), new Object[] {1, 2, new TestNT(null, true)},
                        Map.of("a", new TestNT(1.5, List.of())))));
    }

    @Test
    void encodesToAsciiBytesEqualToTheText() {
        Person person = new Person("Jiří", "Čapek");
        byte[] bytes = codec.encode(person);
        assertEquals(codec.encodeToString(person), new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
        for (byte b : bytes) {
            assertTrue(b > 0, "every byte is ASCII");
        }
    }
}
