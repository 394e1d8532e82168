package cz.edeposit.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostSettingsTest {
    static final HostSettings ALEPH = new HostSettings("aleph", "aleph", "search", "daemon", "plone", "request", "result");

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(value = {
        "request|result",
        "plone1.request|plone1.result",
        "a.b.c|a.b.result",
        "a.b.request|a.b.result",
        "''|result",
        ".request|.result",
        "x.|x.result",
    }, delimiter = '|')
    void replyKeyReplacesTheLastSegmentAsTheOriginalParseKey(String request, String reply) {
        assertEquals(reply, ALEPH.replyKey(request));
    }

    @Test
    void replyKeyTreatsNullAsEmpty() {
        assertEquals("result", ALEPH.replyKey(null));
    }

    @Test
    void replyKeyUsesTheConfiguredOutputKey() {
        HostSettings host = new HostSettings("ftp", "ftp", "ftp", "in", "out", "req", "res");
        assertEquals("plone1.res", host.replyKey("plone1.request"));
        assertEquals("res", host.replyKey("request"));
    }

    @Test
    void queuesMapsInputQueueFirstThenOutputQueue() {
        Map<String, String> queues = ALEPH.queues();
        assertEquals(Map.of("daemon", "request", "plone", "result"), queues);
        assertEquals(List.of("daemon", "plone"), List.copyOf(queues.keySet()));
        HostSettings reversed = new HostSettings("x", "v", "e", "zz", "aa", "k1", "k2");
        assertEquals(List.of("zz", "aa"), List.copyOf(reversed.queues().keySet()));
    }

    @Test
    void queuesIsReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> ALEPH.queues().put("x", "y"));
    }

    @Test
    void sameInputAndOutputQueueIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new HostSettings("ftp", "ftp", "ftp", "q", "q", "request", "result"));
    }
}
