package cz.edeposit.amqp.codec;

import static cz.edeposit.amqp.codec.Json.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our output must look like Python's {@code json.dumps} defaults, down to escapes and float text. */
class FormattingTest {

    private final NtCodec codec = Messages.codec();

    @Test
    void escapesAstralCharacterAsLowercaseSurrogatePair() {
        String emoji = "smile \uD83D\uDE00";
        assertEquals("\"smile \\ud83d\\ude00\"", codec.encodeToString(emoji));
        assertEquals(emoji, codec.decode(codec.encode(emoji)));
    }

    @Test
    void decodesRawUtf8AsWellAsEscapes() {
        assertEquals("Příliš \uD83D\uDE00", codec.decode(utf8("\"Příliš \uD83D\uDE00\"")));
        assertEquals("\uD83D\uDE00", codec.decode(utf8("\"\\uD83D\\uDE00\"")));
    }

    @Test
    void escapesControlCharactersAndDelLikePython() {
        // Python: json.dumps(u'"\\/\b\f\n\r\t\x01\x1f\x7f\xff') with ensure_ascii=True
        assertEquals("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\\u00ff\"",
                codec.encodeToString("\"\\/\b\f\n\r\t\u0001\u001f\u007f\u00ff"));
    }

    @Test
    void escapesNonAsciiMapKeysAndRecordValues() {
        assertEquals("{\"k\\u00e9y\": {\"name\": \"\\u0160\", \"surname\": null, \"__nt_name\": \"Person\"}}",
                codec.encodeToString(Map.of("kéy", new Messages.Person("Š", null))));
    }

    @Test
    void writesFloatsAsPythonReprDoes() {
        assertEquals("[1.1, 100.0, 1e+16, 1000000000000000.0, 0.0001, 1e-05, -0.0, 0.0, 5e-324, 1.5e+300]",
                codec.encodeToString(List.of(1.1, 100.0, 1e16, 1e15, 0.0001, 0.00001, -0.0, 0.0, 5e-324, 1.5e300)));
        assertEquals("[NaN, Infinity, -Infinity]",
                codec.encodeToString(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals("[1.1, 3.0]", codec.encodeToString(new float[] {1.1f, 3f}));
    }

    @Test
    void writesIntegersOfEverySize() {
        assertEquals("[1, -2, 3, 4, 9223372036854775807, 100000000000000000000, 1.50]",
                codec.encodeToString(List.of(1, (short) -2, (byte) 3, 4L, Long.MAX_VALUE,
                        BigInteger.TEN.pow(20), new BigDecimal("1.50"))));
    }

    @Test
    void convertsMapKeysToTextLikePython() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(null, 0);
        map.put(true, 1);
        map.put(false, 2);
        map.put(3L, 3);
        map.put(1.5, 4);
        map.put(1e16, 5);
        assertEquals("{\"null\": 0, \"true\": 1, \"false\": 2, \"3\": 3, \"1.5\": 4, \"1e+16\": 5}",
                codec.encodeToString(map));
    }

    @Test
    void writesArraysListsAndQueuesAlikeAsArrays() {
        ArrayDeque<Object> queue = new ArrayDeque<>(List.of("a", 1));
        assertEquals("[[\"a\", 1], [\"a\", 1], [true, false], [1, 2]]",
                codec.encodeToString(List.of(queue, new Object[] {"a", 1}, new boolean[] {true, false},
                        new long[] {1, 2})));
    }

    @Test
    void writesJsonNodeAsIsWithPythonFormatting() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("z", 1).put("ř", 2.5).putArray("list").add("x").addNull().add(true);
        assertEquals("{\"payload\": {\"z\": 1, \"\\u0159\": 2.5, \"list\": [\"x\", null, true]}, \"__nt_name\": \"Raw\"}",
                codec.encodeToString(new Messages.Raw(node)));
    }

    @Test
    void writesEmptyRecordAsItsNameOnly() {
        assertEquals("{\"__nt_name\": \"Empty\"}", codec.encodeToString(new Messages.Empty()));
    }

    @Test
    void writesNtNameAndJsonPropertyWireNames() {
        Messages.HarvestedPublication publication = new Messages.HarvestedPublication("Kniha",
                List.of(new Messages.Author("Karel", "http://example.cz")));
        assertEquals("{\"title\": \"Kniha\", \"authors\": [{\"name\": \"Karel\", \"URL\": \"http://example.cz\", "
                + "\"__nt_name\": \"Author\"}], \"__nt_name\": \"Publication\"}", codec.encodeToString(publication));
        assertEquals(publication, codec.decode(codec.encode(publication)));
    }

    @Test
    void encodesRecordsOutsideTheAllowList() {
        NtCodec empty = new NtCodec(TypeRegistry.of());
        assertEquals("{\"login\": \"x\", \"__nt_name\": \"Person\"}",
                empty.encodeToString(new Messages.OtherPerson("x")));
    }
}
