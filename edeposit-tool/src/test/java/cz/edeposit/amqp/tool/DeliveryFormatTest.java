package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The {@code --get} line: pika's notation for the delivery and properties inside Python's json.dumps. */
class DeliveryFormatTest {

    private static final Envelope ENVELOPE = new Envelope(7, false, "search", "result");

    @Test
    void methodFrameListsTheDeliveryFieldsSortedAsPikaDid() {
        assertEquals("<Basic.Deliver(['consumer_tag=amq.ctag-1', 'delivery_tag=7', 'exchange=search', "
                + "'redelivered=False', 'routing_key=result'])>", DeliveryFormat.methodFrame("amq.ctag-1", ENVELOPE));
        assertEquals("<Basic.Deliver(['consumer_tag=c', 'delivery_tag=1', 'exchange=', 'redelivered=True', "
                + "'routing_key=x.result'])>", DeliveryFormat.methodFrame("c", new Envelope(1, true, "", "x.result")));
    }

    @Test
    void propertiesShowOnlyWhatIsSetWithHeadersAsADictWithSortedKeys() {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2)
                .headers(Map.of("UUID", LongStringHelper.asLongString("u-1"))).build();
        assertEquals("<BasicProperties(['content_type=application/json', 'delivery_mode=2', \"headers={'UUID': 'u-1'}\"])>",
                DeliveryFormat.properties(properties));
        assertEquals("<BasicProperties>", DeliveryFormat.properties(new AMQP.BasicProperties()));
    }

    @Test
    void exceptionHeadersAreShownSoAnOperatorSeesTheError() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("exception", LongStringHelper.asLongString("it's bad"));
        headers.put("exception_name", LongStringHelper.asLongString("ValueError"));
        headers.put("exception_type", LongStringHelper.asLongString("<type 'exceptions.ValueError'>"));
        headers.put("traceback", LongStringHelper.asLongString("Traceback:\n  at x\tline"));
        headers.put("UUID", LongStringHelper.asLongString(""));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/text").deliveryMode(2).headers(headers).build();
        assertEquals("<BasicProperties(['content_type=application/text', 'delivery_mode=2', 'headers={\\'UUID\\': \\'\\', "
                + "\\'exception\\': \"it\\'s bad\", \\'exception_name\\': \\'ValueError\\', "
                + "\\'exception_type\\': \"<type \\'exceptions.ValueError\\'>\", "
                + "\\'traceback\\': \\'Traceback:\\\\n  at x\\\\tline\\'}'])>", DeliveryFormat.properties(properties));
    }

    @Test
    void everyPropertyHasPikasName() {
        AMQP.BasicProperties properties = new AMQP.BasicProperties("text/plain", "gzip", null, 1, 5, "corr", "reply",
                "60000", "msg", new Date(1_700_000_000_000L), "kind", "guest", "app", "cluster");
        assertEquals("<BasicProperties(['app_id=app', 'cluster_id=cluster', 'content_encoding=gzip', "
                + "'content_type=text/plain', 'correlation_id=corr', 'delivery_mode=1', 'expiration=60000', "
                + "'message_id=msg', 'priority=5', 'reply_to=reply', 'timestamp=1700000000', 'type=kind', "
                + "'user_id=guest'])>", DeliveryFormat.properties(properties));
    }

    @Test
    void headerValuesOfEveryFieldTypeHaveAPythonRepr() {
        assertEquals("None", PythonRepr.of(null));
        assertEquals("True", PythonRepr.of(true));
        assertEquals("42", PythonRepr.of(42L));
        assertEquals("[1, 'a']", PythonRepr.of(List.of(1, LongStringHelper.asLongString("a"))));
        assertEquals("{'a': {'b': False}}", PythonRepr.of(Map.of("a", Map.of("b", false))));
        assertEquals("b'\\xff\\'x'", PythonRepr.of(LongStringHelper.asLongString(new byte[] {(byte) 0xff, '\'', 'x'})));
        assertEquals("'čau'", PythonRepr.of(LongStringHelper.asLongString("čau".getBytes(StandardCharsets.UTF_8))));
        assertEquals("'\\x00\\x7f'", PythonRepr.string("\u0000\u007f"));
        assertEquals("'it\\'s \"x\"'", PythonRepr.string("it's \"x\""));
        assertEquals("\"it's\"", PythonRepr.string("it's"));
    }

    @Test
    void lineIsPythonJsonDumpsWithBodyFirstAndAsciiOnly() throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json").build();
        byte[] body = "{\"value\": \"čau \uD83D\uDE00\"}\n".getBytes(StandardCharsets.UTF_8);
        String line = DeliveryFormat.line("c", ENVELOPE, properties, body);
        assertEquals("{\"body\": \"{\\\"value\\\": \\\"\\u010dau \\ud83d\\ude00\\\"}\\n\", \"method_frame\": "
                + "\"<Basic.Deliver(['consumer_tag=c', 'delivery_tag=7', 'exchange=search', 'redelivered=False', "
                + "'routing_key=result'])>\", \"properties\": \"<BasicProperties(['content_type=application/json'])>\"}",
                line);
        JsonNode parsed = new ObjectMapper().readTree(line);
        assertEquals(new String(body, StandardCharsets.UTF_8), parsed.get("body").asText());
        assertEquals(List.of("body", "method_frame", "properties"), fieldNames(parsed));
    }

    @Test
    void separatorIsSeventyNineDashes() {
        assertEquals(79, DeliveryFormat.SEPARATOR.length());
        assertEquals(79, DeliveryFormat.SEPARATOR.chars().filter(c -> c == '-').count());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
