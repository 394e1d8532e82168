package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.RpcDaemon;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --put} and {@code --get} against the real broker, and with a real daemon in between. */
class PutGetIT {

    private static final String DASHES = "-".repeat(79);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void putPublishesTheFileBytesUnchangedAsAPersistentJsonRequestWithAFreshUuid() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("ftp"));
        byte[] bytes = {'{', '"', 'a', '"', ':', ' ', '"', (byte) 0xc4, (byte) 0x8d, '"', '}', (byte) 0xff, '\n'};
        Path file = Files.write(dir.resolve("request.json"), bytes);
        assertEquals(new Run(0, "", ""), Tool.run(vhost.env(), "--host", "ftp", "--put", file.toString()));
        GetResponse request = take(vhost, "daemon");
        assertArrayEquals(bytes, request.getBody());
        assertEquals("ftp", request.getEnvelope().getExchange());
        assertEquals("request", request.getEnvelope().getRoutingKey());
        assertEquals("application/json", request.getProps().getContentType());
        assertEquals(2, request.getProps().getDeliveryMode());
        assertEquals(Set.of("UUID"), request.getProps().getHeaders().keySet());
        UUID uuid = UUID.fromString(request.getProps().getHeaders().get("UUID").toString());
        assertEquals(4, uuid.version());
    }

    @Test
    void putReadsStandardInputAndSendsTheGivenUuidVerbatim() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("ltp"));
        String uuid = "{\"request_UID\": \"x\", \"systemMessages_UID\": \"y\"}";
        Run run = Tool.withInput(vhost.env(), "asd", "-s", "ltp", "-p", "-", "--uuid", uuid);
        assertEquals(new Run(0, "", ""), run);
        GetResponse request = take(vhost, "daemon");
        assertEquals("asd", new String(request.getBody(), StandardCharsets.UTF_8));
        assertEquals(uuid, request.getProps().getHeaders().get("UUID").toString());
    }

    @Test
    void putThenGetInOneCallRoundTripsThroughARealDaemon() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("downloader"));
        Connection daemonConnection = vhost.connect();
        RpcDaemon daemon = RpcDaemon.start(daemonConnection, RpcOptions.defaults(vhost.host(),
                new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER));
        cleanup.add(daemonConnection);
        cleanup.add(daemon);
        Path file = Files.writeString(dir.resolve("echo.json"), "{\"value\": \"čau\", \"__nt_name\": \"Echo\"}");
        Run run = Tool.run(vhost.env(), "--host", "downloader", "--put", file.toString(), "--uuid", "u-round",
                "--get", "--idle-timeout", "3");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of(DASHES, ""), lines.subList(1, 3), run.out());
        assertEquals(3, lines.size(), run.out());
        JsonNode message = JSON.readTree(lines.get(0));
        assertEquals(JSON.readTree("{\"value\": \"čau\", \"__nt_name\": \"Echoed\"}"), JSON.readTree(message.get("body").asText()));
        assertTrue(lines.get(0).contains("\\u010dau"), "ASCII-only JSON as Python wrote it: " + lines.get(0));
        assertTrue(message.get("method_frame").asText().matches("<Basic\\.Deliver\\(\\['consumer_tag=[^']+', "
                + "'delivery_tag=1', 'exchange=downloader', 'redelivered=False', 'routing_key=result'\\]\\)>"),
                message.get("method_frame").asText());
        assertTrue(message.get("properties").asText().startsWith(
                "<BasicProperties(['content_type=application/json', 'delivery_mode=2', \"headers={'UUID': 'u-round'"),
                message.get("properties").asText());
        assertEquals(0, messageCount(vhost, "plone"), "the reply was acked");
    }

    @Test
    void aDaemonServesQuorumQueuesTheToolCreated() throws Exception {
        TestVhost vhost = own(TestVhost.empty("downloader"));
        Run create = Tool.run(vhost.env(), "-s", "downloader", "-c", "--queue-type", "quorum");
        assertEquals(0, create.status(), create.err());
        Connection daemonConnection = vhost.connect();
        cleanup.add(daemonConnection);
        cleanup.add(RpcDaemon.start(daemonConnection, RpcOptions.defaults(vhost.host(), new NtCodec(EchoDaemon.REQUESTS),
                EchoDaemon.HANDLER)));
        Run run = Tool.withInput(vhost.env(), "{\"count\": 2, \"__nt_name\": \"Steps\"}", "-s", "downloader",
                "-p", "-", "-g", "--idle-timeout", "3");
        assertEquals(0, run.status(), run.err());
        List<String> bodies = new ArrayList<>();
        for (String line : run.out().lines().filter(line -> line.startsWith("{")).toList()) {
            bodies.add(JSON.readTree(line).get("body").asText());
        }
        assertEquals(List.of("{\"step\": 1, \"__nt_name\": \"Step\"}", "{\"step\": 2, \"__nt_name\": \"Step\"}",
                "{\"steps\": 2, \"__nt_name\": \"Done\"}"), bodies);
    }

    @Test
    void getPrintsEachMessageInTheOriginalFormatWithItsExceptionHeadersAndAcksIt() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("calibre"));
        Map<String, Object> headers = new HashMap<>();
        headers.put("UUID", "u-2");
        headers.put("exception", "bad thing");
        headers.put("exception_name", "ValueError");
        publish(vhost, "convert", "result", new AMQP.BasicProperties.Builder().contentType("application/text")
                .deliveryMode(2).headers(headers).build(), "bad thing");
        publish(vhost, "convert", "result", new AMQP.BasicProperties.Builder().contentType("application/json")
                .headers(Map.of("UUID", "u-3")).build(), "null");
        Run run = Tool.run(vhost.env(), "--host", "calibre", "--get", "--idle-timeout", "1");
        assertEquals(0, run.status(), run.err());
        String out = run.out().replaceAll("consumer_tag=[^']+'", "consumer_tag=TAG'");
        assertEquals("{\"body\": \"bad thing\", \"method_frame\": \"<Basic.Deliver(['consumer_tag=TAG', 'delivery_tag=1',"
                + " 'exchange=convert', 'redelivered=False', 'routing_key=result'])>\", \"properties\":"
                + " \"<BasicProperties(['content_type=application/text', 'delivery_mode=2', \\\"headers={'UUID': 'u-2',"
                + " 'exception': 'bad thing', 'exception_name': 'ValueError'}\\\"])>\"}\n" + DASHES + "\n\n"
                + "{\"body\": \"null\", \"method_frame\": \"<Basic.Deliver(['consumer_tag=TAG', 'delivery_tag=2',"
                + " 'exchange=convert', 'redelivered=False', 'routing_key=result'])>\", \"properties\":"
                + " \"<BasicProperties(['content_type=application/json', \\\"headers={'UUID': 'u-3'}\\\"])>\"}\n"
                + DASHES + "\n\n", out);
        assertEquals("", run.err());
        assertEquals(0, messageCount(vhost, "plone"));
    }

    @Test
    void timeoutIsAnAbsoluteDeadlineEndingWithTimeoutedAndStatusOne() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("pdfgen"));
        publish(vhost, "pdfgen", "result", new AMQP.BasicProperties(), "first");
        long start = System.nanoTime();
        Run run = Tool.run(vhost.env(), "--host", "pdfgen", "--get", "-t", "2");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(1, run.status());
        assertEquals("Timeouted!\n", run.err());
        assertTrue(run.out().startsWith("{\"body\": \"first\""), "messages before the deadline are printed: " + run.out());
        assertTrue(seconds >= 2, "ended after " + seconds + " s, before the deadline");
        assertTrue(seconds < 30, "ended after " + seconds + " s");
        Run before = Tool.run(vhost.env(), "--host", "pdfgen", "--get", "-t", "1", "--idle-timeout", "5");
        assertEquals(new Run(1, "", "Timeouted!\n"), before, "the deadline wins over a longer idle timeout");
    }

    @Test
    void idleTimeoutEndsCleanlyOnceTheQueueIsQuiet() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("antivirus"));
        assertEquals(new Run(0, "", ""), Tool.run(vhost.env(), "-s", "antivirus", "-g", "--idle-timeout", "1"));
        publish(vhost, "antivirus", "result", new AMQP.BasicProperties(), "one");
        Run run = Tool.run(vhost.env(), "-s", "antivirus", "-g", "--idle-timeout", "1", "-t", "60");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("{\"body\": \"one\""), run.out());
    }

    @Test
    void putToAHostWhoseExchangeIsMissingFailsNamingIt() {
        TestVhost vhost = own(TestVhost.empty("ftp"));
        Run run = Tool.withInput(vhost.env(), "{}", "--host", "ftp", "--put", "-");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Can't send to exchange 'ftp' in vhost '" + vhost.name()
                + "': NOT_FOUND - no exchange 'ftp'"), run.err());
        assertTrue(run.err().contains("Hint: create the schema with 'edeposit-amqp-tool --host ftp --create'"), run.err());
    }

    @Test
    void putThatNoQueueReceivesIsReportedAsUnroutable() throws Exception {
        TestVhost vhost = own(TestVhost.empty("storage"));
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("export", "topic", true);
        }
        Run run = Tool.withInput(vhost.env(), "{}", "--host", "storage", "--put", "-");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Message not delivered: no queue is bound to exchange 'export' with routing key"
                + " 'request' in vhost '" + vhost.name() + "' (NO_ROUTE).\n"), run.err());
    }

    @Test
    void putThatTheBrokerRefusesIsReportedAsNotSent() throws Exception {
        TestVhost vhost = own(TestVhost.empty("ftp"));
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("ftp", "topic", true);
            // A full queue that rejects new messages makes the broker nack the publish.
            channel.queueDeclare("daemon", true, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            channel.queueBind("daemon", "ftp", "request");
        }
        Run run = Tool.withInput(vhost.env(), "{}", "--host", "ftp", "--put", "-");
        assertEquals(new Run(1, "", "Can't send to exchange 'ftp' in vhost '" + vhost.name() + "': nacks received\n"
                + "Hint: create the schema with 'edeposit-amqp-tool --host ftp --create'\n"), run);
    }

    @Test
    void getOfAMissingQueueFailsNamingIt() {
        TestVhost vhost = own(TestVhost.empty("harvester"));
        Run run = Tool.run(vhost.env(), "--host", "harvester", "--get", "--idle-timeout", "1");
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Can't read queue 'plone' in vhost '" + vhost.name()
                + "': NOT_FOUND - no queue 'plone'"), run.err());
    }

    @Test
    void putAndGetOnAMissingVhostGiveTheOriginalMessageAndCreateNothing() {
        TestVhosts vhosts = own(new TestVhosts());
        for (String action : new String[] {"--put", "--get"}) {
            Run run = action.equals("--put")
                    ? Tool.withInput(vhosts.env(), "{}", "-s", "aleph", "--put", "-")
                    : Tool.run(vhosts.env(), "-s", "aleph", "--get", "--idle-timeout", "1");
            assertEquals(1, run.status(), action);
            assertTrue(run.err().startsWith("Can't connect to virtuahost!\nMake sure, that virtualhost is created.\n"
                    + "NOT_ALLOWED - vhost " + vhosts.of("aleph") + " not found"), run.err());
            assertTrue(run.err().contains("create it with 'edeposit-amqp-tool --host aleph --create'"), run.err());
        }
        assertFalse(new BrokerApi().vhostExists(vhosts.of("aleph")));
    }

    @Test
    void putAndGetWithTheBrokerDownAreCantConnect() throws Exception {
        Map<String, String> env = new HashMap<>(own(new TestVhosts()).env());
        env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(BrokerApi.closedPort()));
        Run put = Tool.withInput(env, "{}", "-s", "ftp", "-p", "-");
        Run get = Tool.run(env, "-s", "ftp", "-g");
        for (Run run : List.of(put, get)) {
            assertEquals(1, run.status());
            assertTrue(run.err().startsWith("Can't connect to RabbitMQ!\n"), run.err());
        }
    }

    private static GetResponse take(TestVhost vhost, String queue) throws Exception {
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            GetResponse response = channel.basicGet(queue, true);
            assertNotNull(response, "a message in " + queue);
            return response;
        }
    }

    private static long messageCount(TestVhost vhost, String queue) throws Exception {
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static void publish(TestVhost vhost, String exchange, String key, AMQP.BasicProperties properties,
                                String body) throws Exception {
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(exchange, key, true, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private <T extends AutoCloseable> T own(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }
}
