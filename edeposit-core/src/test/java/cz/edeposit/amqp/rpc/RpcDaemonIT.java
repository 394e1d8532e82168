package cz.edeposit.amqp.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.LogCapture;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon's wire behaviour against a real broker (docs/wire-protocol.md). */
class RpcDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestVhost vhost;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;
    private RpcDaemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, vhost.host().outputQueue());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        connection.close();
        vhost.close();
    }

    private void startDaemon(int workers, int prefetch) throws Exception {
        startDaemon(workers, prefetch, EchoDaemon.HANDLER);
    }

    private void startDaemon(int workers, int prefetch, RpcHandler handler) throws Exception {
        daemon = RpcDaemon.start(connection, new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS),
                handler, workers, prefetch, Duration.ofSeconds(10)));
    }

    private void send(String key, String uuid, String body) throws Exception {
        Requests.publish(client, "downloader", key, uuid, body);
    }

    @Test
    void repliesWithResultHeadersAndPersistentJson() throws Exception {
        startDaemon(1, 1);
        send("request", "u-1", "{\"__nt_name\": \"Echo\", \"value\": \"P\\u0159\\u00edli\\u0161\"}");
        Reply reply = replies.take(WAIT);
        assertEquals("downloader", reply.envelope().getExchange());
        assertEquals("result", reply.envelope().getRoutingKey());
        assertEquals("application/json", reply.properties().getContentType());
        assertEquals(2, reply.properties().getDeliveryMode());
        assertEquals(Map.of("UUID", "u-1", "x-edeposit-reply", "result"), textHeaders(reply));
        assertEquals(JSON.readTree("{\"value\": \"Příliš\", \"__nt_name\": \"Echoed\"}"), JSON.readTree(reply.body()));
    }

    @Test
    void echoesPloneJsonUuidByteForByte() throws Exception {
        startDaemon(1, 1);
        String uuid = "{\"request_UID\": \"x\", \"systemMessages_UID\": \"y\", \"note\": \"č\"}";
        send("request", uuid, "{\"__nt_name\": \"Echo\", \"value\": 1}");
        assertEquals(uuid, replies.take(WAIT).header("UUID"));
    }

    @Test
    void routesReplyByParseKeyAndToTheConfiguredExchange() throws Exception {
        startDaemon(1, 1);
        client.queueBind("daemon", "downloader", "plone1.request");
        client.queueBind("plone", "downloader", "plone1.result");
        client.exchangeDeclare("validate", "topic", true);
        client.queueBind("daemon", "validate", "request");
        send("plone1.request", "u-2", "{\"__nt_name\": \"Echo\", \"value\": 2}");
        Reply prefixed = replies.take(WAIT);
        assertEquals("plone1.result", prefixed.envelope().getRoutingKey());
        Requests.publish(client, "validate", "request", "u-3", "{\"__nt_name\": \"Echo\", \"value\": 3}");
        Reply viaOtherExchange = replies.take(WAIT);
        assertEquals("downloader", viaOtherExchange.envelope().getExchange());
        assertEquals("u-3", viaOtherExchange.header("UUID"));
    }

    @Test
    void sendsProgressInOrderBeforeTheResult() throws Exception {
        startDaemon(1, 1);
        send("request", "u-4", "{\"__nt_name\": \"Steps\", \"count\": 5}");
        List<Reply> all = replies.take(6, WAIT);
        for (int i = 0; i < 5; i++) {
            assertEquals("Step", JSON.readTree(all.get(i).body()).get("__nt_name").asText());
            assertEquals(i + 1, JSON.readTree(all.get(i).body()).get("step").asInt());
            assertEquals("progress", all.get(i).header("x-edeposit-reply"));
            assertEquals("u-4", all.get(i).header("UUID"));
        }
        assertEquals("Done", JSON.readTree(all.get(5).body()).get("__nt_name").asText());
        assertEquals("result", all.get(5).header("x-edeposit-reply"));
    }

    @Test
    void repliesWithExceptionHeadersWhenHandlerThrows() throws Exception {
        startDaemon(1, 1);
        client.queueBind("daemon", "downloader", "x.request");
        client.queueBind("plone", "downloader", "x.result");
        send("x.request", "u-5", "{\"__nt_name\": \"Fail\", \"message\": \"chyba č. 5\", \"domain\": true}");
        Reply reply = replies.take(WAIT);
        assertEquals("x.result", reply.envelope().getRoutingKey());
        assertEquals("application/text", reply.properties().getContentType());
        assertEquals(2, reply.properties().getDeliveryMode());
        assertEquals("chyba č. 5", reply.header("exception"));
        assertEquals("DomainFailure", reply.header("exception_name"));
        assertEquals("<class 'cz.edeposit.amqp.testing.EchoDaemon$DomainFailure'>", reply.header("exception_type"));
        assertTrue(reply.header("traceback").contains("DomainFailure"), reply.header("traceback"));
        assertEquals("u-5", reply.header("UUID"));
        assertEquals("exception", reply.header("x-edeposit-reply"));
        assertEquals("chyba č. 5", reply.text());
    }

    @Test
    void answersBadInputWithPythonExceptionNamesAndKeepsServing() throws Exception {
        startDaemon(1, 1);
        send("request", "bad-1", "asd");
        send("request", "bad-2", "{\"__nt_name\": \"main\", \"args\": null, \"stop\": true}");
        send("request", "bad-3", "{\"__nt_name\": \"Echo\", \"value\": 1, \"third\": 3}");
        send("request", "bad-4", "{\"__nt_name\": \"Echo\"}");
        send("request", "bad-5", "{\"__nt_name\": \"Fail\", \"message\": \"m\"}");
        List<Reply> all = replies.take(5, WAIT);
        assertEquals("ValueError", all.get(0).header("exception_name"));
        assertEquals("No JSON object could be decoded", all.get(0).header("exception"));
        assertEquals("No JSON object could be decoded", all.get(0).text());
        assertEquals("<type 'exceptions.ValueError'>", all.get(0).header("exception_type"));
        assertEquals("KeyError", all.get(1).header("exception_name"));
        assertEquals("main", all.get(1).header("exception"));
        assertEquals("TypeError", all.get(2).header("exception_name"));
        assertEquals("TypeError", all.get(3).header("exception_name"));
        assertEquals("UserWarning", all.get(4).header("exception_name"));
        send("request", "ok", "{\"__nt_name\": \"Echo\", \"value\": true}");
        assertEquals("ok", replies.take(WAIT).header("UUID"));
    }

    @Test
    void answersRequestsWithoutUuidOrHeadersWithTheOriginalBody() throws Exception {
        startDaemon(1, 1);
        Requests.publish(client, "downloader", "request",
                new AMQP.BasicProperties.Builder().headers(new HashMap<>()).build(), "{\"a\": 1}");
        Requests.publish(client, "downloader", "request", new AMQP.BasicProperties(), "{\"b\": 2}");
        for (String body : List.of("{\"a\": 1}", "{\"b\": 2}")) {
            Reply reply = replies.take(WAIT);
            assertEquals("No UUID provided, message ignored.", reply.header("exception"));
            assertEquals("ValueError", reply.header("exception_name"));
            assertEquals("", reply.header("UUID"));
            assertTrue(reply.headers().containsKey("traceback"));
            assertNull(reply.headers().get("traceback"));
            assertEquals("result", reply.envelope().getRoutingKey());
            assertEquals(body, reply.text());
        }
        send("request", "still-alive", "{\"__nt_name\": \"Echo\", \"value\": 0}");
        assertEquals("still-alive", replies.take(WAIT).header("UUID"));
        assertEquals(0, client.messageCount("daemon"), "every request was acked");
    }

    @Test
    void answersEveryOneOfAThousandRequestsExactlyOnceOverFourWorkers() throws Exception {
        startDaemon(4, 16);
        for (int i = 0; i < 1000; i++) {
            send("request", "n-" + i, "{\"__nt_name\": \"Echo\", \"value\": " + i + "}");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Reply reply : replies.take(1000, Duration.ofSeconds(60))) {
            JsonNode body = JSON.readTree(reply.body());
            assertEquals("n-" + body.get("value").asInt(), reply.header("UUID"));
            seen.merge(reply.header("UUID"), 1, Integer::sum);
        }
        assertEquals(1000, seen.size());
        assertTrue(seen.values().stream().allMatch(count -> count == 1));
        assertTrue(replies.silentFor(Duration.ofMillis(500)), "no duplicate replies");
    }

    @Test
    void closeLetsTheRequestInHandFinishAndLeavesPrefetchedOnesQueued() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        startDaemon(1, 5, (request, context) -> {
            if (request instanceof EchoDaemon.Sleep) {
                slowStarted.countDown();
            }
            return EchoDaemon.HANDLER.handle(request, context);
        });
        send("request", "slow", "{\"__nt_name\": \"Sleep\", \"millis\": 1500}");
        for (int i = 0; i < 4; i++) {
            send("request", "later-" + i, "{\"__nt_name\": \"Echo\", \"value\": " + i + "}");
        }
        // Delivered is not yet in hand: close only once the handler runs, or "slow" is merely prefetched.
        assertTrue(slowStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the slow request reached the handler");
        Await.until("the worker has taken all five (prefetch 5)", WAIT, () -> client.messageCount("daemon") == 0);
        daemon.close();
        assertEquals("slow", replies.take(WAIT).header("UUID"));
        assertTrue(replies.silentFor(Duration.ofMillis(500)));
        assertEquals(4, client.messageCount("daemon"), "prefetched requests went back to the queue");
        daemon = null;
    }

    @Test
    void logsAnUnroutableReplyWithItsUuidAndKeyAndAcksTheRequestAtOnceWithoutReplyRetry() throws Exception {
        try (LogCapture log = new LogCapture(ReplyRetry.class)) {
            daemon = RpcDaemon.start(connection, new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS),
                    EchoDaemon.HANDLER, 1, 1, Duration.ofSeconds(10), FaultPolicy.defaults().withReplyRetry(Duration.ZERO)));
            client.queueBind("daemon", "downloader", "nobody.request"); // nothing is bound to nobody.result
            send("nobody.request", "u-lost", "{\"__nt_name\": \"Echo\", \"value\": 1}");
            String warning = log.await("was not routable", WAIT);
            assertEquals("Reply for UUID u-lost was not routable: no queue is bound to key 'nobody.result' on exchange"
                    + " 'downloader' (NO_ROUTE); the request is acked", warning);
            send("request", "u-after", "{\"__nt_name\": \"Echo\", \"value\": 2}");
            assertEquals("u-after", replies.take(WAIT).header("UUID"));
            assertEquals(0, client.messageCount("daemon"), "the request with the lost reply was acked, not looping");
        }
    }

    @Test
    void refusesToStartWhenTheQueueIsMissingAndNamesTheToolCommand() throws Exception {
        client.queueDelete("daemon");
        SchemaMissingException error = org.junit.jupiter.api.Assertions.assertThrows(SchemaMissingException.class,
                () -> startDaemon(1, 1));
        assertTrue(error.getMessage().contains("queue 'daemon'"), error.getMessage());
        assertTrue(error.getMessage().contains("edeposit-amqp-tool --host downloader --create"), error.getMessage());
    }

    private static Map<String, String> textHeaders(Reply reply) {
        Map<String, String> headers = new HashMap<>();
        reply.headers().keySet().forEach(name -> headers.put(name, reply.header(name)));
        return headers;
    }
}
