package cz.edeposit.amqp.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire rules that have no broker in them: type names, header reading, reply keys and escaping. */
class WireRulesTest {

    record Download(String url) {
    }

    @Test
    void namesDecodedValuesAsPythonTwoNamesItsTypes() {
        assertEquals("NoneType", PythonTypes.name(null));
        assertEquals("dict", PythonTypes.name(Map.of()));
        assertEquals("list", PythonTypes.name(List.of()));
        assertEquals("unicode", PythonTypes.name("x"));
        assertEquals("bool", PythonTypes.name(true));
        assertEquals("float", PythonTypes.name(1.5));
        assertEquals("int", PythonTypes.name(7L));
        assertEquals("Download", PythonTypes.name(new Download("u")));
        assertEquals("<type 'dict'>", PythonTypes.typeText(Map.of()));
    }

    @Test
    void namesExceptionsAsTheOriginalDid() {
        assertEquals("ValueError", PythonTypes.exceptionName(new ValueError("x")));
        assertEquals("<type 'exceptions.ValueError'>", PythonTypes.exceptionType(new ValueError("x")));
        assertEquals("IllegalStateException", PythonTypes.exceptionName(new IllegalStateException()));
        assertEquals("<class 'java.lang.IllegalStateException'>", PythonTypes.exceptionType(new IllegalStateException()));
    }

    @Test
    void readsHeadersRawAndAsText() {
        Map<String, Object> headers = new HashMap<>();
        headers.put(WireHeaders.UUID, LongStringHelper.asLongString("čau".getBytes(StandardCharsets.UTF_8)));
        headers.put("bytes", "b".getBytes(StandardCharsets.UTF_8));
        headers.put(WireHeaders.TRACEBACK, null);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(headers).build();
        assertSame(headers.get(WireHeaders.UUID), Headers.raw(properties, WireHeaders.UUID));
        assertEquals("čau", Headers.text(properties, WireHeaders.UUID));
        assertEquals("b", Headers.text(properties, "bytes"));
        assertTrue(Headers.has(properties, WireHeaders.TRACEBACK), "a void header is present");
        assertNull(Headers.text(properties, WireHeaders.TRACEBACK));
        assertFalse(Headers.has(new AMQP.BasicProperties(), WireHeaders.UUID));
        assertNull(Headers.raw(null, WireHeaders.UUID));
        assertEquals("null", Headers.uuidText(null));
    }

    @Test
    void replacesTheLastWordOfTheRequestKeyByTheOutputKey() {
        assertEquals("plone1.result", ReplyKeys.replyKey("plone1.request", "result"));
        assertEquals("a.b.result", ReplyKeys.replyKey("a.b.c", "result"));
        assertEquals("result", ReplyKeys.replyKey("request", "result"));
        assertEquals("result", ReplyKeys.replyKey(null, "result"));
    }

    @Test
    void escapesAStringAloneExactlyAsTheCodecsJacksonOutputDoes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            text.append(c);
        }
        text.append("Příliš žluťoučký kůň \u2028 \ud83d\ude00 / end");
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new PythonEscapes());
        assertEquals(mapper.writeValueAsString(text.toString()), PythonEscapes.jsonString(text.toString()));
        assertEquals("\"a\\\"b\\\\c\\n\\u007f\\u00e9\"", PythonEscapes.jsonString("a\"b\\c\n\u007fé"));
    }
}
