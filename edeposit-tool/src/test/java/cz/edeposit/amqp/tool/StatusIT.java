package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.TestBroker;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --status} against the real broker's management API: depths, consumers, missing vhosts, all hosts. */
class StatusIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The management API refreshes queue figures every few seconds (collect_statistics_interval).
    private static final Duration STATS = Duration.ofSeconds(30);

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void showsTheQueueDepthsAndConsumersAndADaemonThatConsumesAnswers() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("ftp"));
        Connection connection = own(vhost.connect());
        Channel channel = connection.createChannel();
        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", "daemon", null, ("request " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 2; i++) {
            channel.basicPublish("", "plone", null, ("reply " + i).getBytes(StandardCharsets.UTF_8));
        }
        Channel daemon = connection.createChannel();
        daemon.basicQos(1);
        daemon.basicConsume("daemon", false, new DefaultConsumer(daemon)); // takes one request and never acks it

        JsonNode[] report = new JsonNode[1];
        Run[] run = new Run[1];
        Await.until("the management API reports 2 ready, 1 unacked, 1 consumer and 2 replies", STATS, () -> {
            run[0] = status(vhost.env(), "--host", "ftp", "--json");
            report[0] = JSON.readTree(run[0].out());
            JsonNode input = report[0].get("hosts").get(0).get("input");
            JsonNode output = report[0].get("hosts").get(0).get("output");
            return input.get("ready").asLong() == 2 && input.get("unacked").asLong() == 1
                    && input.get("consumers").asLong() == 1 && output.get("ready").asLong() == 2;
        });
        assertEquals(0, run[0].status(), run[0].err());
        assertEquals("", run[0].err());
        JsonNode host = report[0].get("hosts").get(0);
        assertEquals(1, report[0].get("hosts").size());
        assertEquals("ftp", host.get("host").asText());
        assertEquals(vhost.name(), host.get("vhost").asText());
        assertTrue(host.get("vhost_exists").asBoolean());
        assertEquals("answers", host.get("daemon").asText());
        assertTrue(host.get("answers").asBoolean());
        assertTrue(report[0].get("all_answer").asBoolean());
        JsonNode input = host.get("input");
        assertEquals("daemon", input.get("queue").asText());
        assertTrue(input.get("exists").asBoolean());
        assertTrue(input.has("publish_rate") && input.has("deliver_rate"), input.toString());
        JsonNode output = host.get("output");
        assertEquals("plone", output.get("queue").asText());
        assertEquals(0, output.get("unacked").asLong());
        assertEquals(0, output.get("consumers").asLong());

        Run table = status(vhost.env(), "--host", "ftp");
        assertEquals(0, table.status(), table.err());
        String[] lines = table.out().split("\n");
        assertEquals(3, lines.length, table.out());
        assertTrue(lines[0].matches("HOST +VHOST +QUEUE +ROLE +READY +UNACKED +CONSUMERS +PUBLISH/s +DELIVER/s +DAEMON"),
                lines[0]);
        assertTrue(lines[1].matches("ftp +" + vhost.name() + " +daemon +input +2 +1 +1 +[-0-9.]+ +[-0-9.]+ +answers"),
                lines[1]);
        assertTrue(lines[2].matches("ftp +" + vhost.name() + " +plone +output +2 +0 +0 +[-0-9.]+ +[-0-9.]+"), lines[2]);
    }

    @Test
    void aQueueWithoutConsumerIsADaemonThatDoesNotAnswerAndStatusOne() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("ftp"));
        Run run = status(vhost.env(), "--host", "ftp", "--json");
        assertEquals(1, run.status(), run.err());
        JsonNode host = JSON.readTree(run.out()).get("hosts").get(0);
        assertEquals("no consumer", host.get("daemon").asText());
        assertFalse(host.get("answers").asBoolean());
        assertFalse(JSON.readTree(run.out()).get("all_answer").asBoolean());
    }

    @Test
    void aMissingVhostOrQueueIsShownAsSuchNotAsAnError() throws Exception {
        TestVhost vhost = own(TestVhost.empty("ftp")); // the vhost exists, its queues do not
        Run noQueue = status(vhost.env(), "--host", "ftp");
        assertEquals(1, noQueue.status(), noQueue.err());
        assertEquals("", noQueue.err());
        assertTrue(noQueue.out().contains(" daemon (missing)  input "), noQueue.out());
        assertTrue(noQueue.out().contains(" no queue\n"), noQueue.out());

        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("EDEPOSIT_RABBITMQ_FTP_VIRTUALHOST", vhost.name() + "-never-created");
        Run noVhost = status(env, "--host", "ftp", "--json");
        assertEquals(1, noVhost.status(), noVhost.err());
        assertEquals("", noVhost.err());
        JsonNode host = JSON.readTree(noVhost.out()).get("hosts").get(0);
        assertFalse(host.get("vhost_exists").asBoolean());
        assertEquals("no vhost", host.get("daemon").asText());
        assertFalse(host.get("input").get("exists").asBoolean());
        assertTrue(host.get("input").get("ready").isNull());
        assertTrue(host.get("output").get("publish_rate").isNull());
        Run table = status(env, "--host", "ftp");
        assertTrue(table.out().contains(" no vhost\n"), table.out());
    }

    @Test
    void allHostsAreShownInListOrderByDefault() throws Exception {
        TestVhosts vhosts = own(new TestVhosts());
        Run create = Tool.run(vhosts.env(), with(vhosts.managementArgs(), "--host", "ftp", "--create"));
        assertEquals(0, create.status(), create.err());
        for (String[] args : List.of(new String[] {"--json"}, new String[] {"--host", "all", "--json"})) {
            Run run = status(vhosts.env(), args);
            assertEquals(1, run.status(), run.err());
            JsonNode hosts = JSON.readTree(run.out()).get("hosts");
            assertEquals(TestVhosts.HOSTS.size(), hosts.size());
            for (int i = 0; i < hosts.size(); i++) {
                TestVhosts.Host expected = TestVhosts.HOSTS.get(i);
                assertEquals(expected.name(), hosts.get(i).get("host").asText());
                assertEquals(vhosts.of(expected.vhost()), hosts.get(i).get("vhost").asText());
                assertEquals(expected.inputQueue(), hosts.get(i).get("input").get("queue").asText());
                assertEquals(expected.name().equals("ftp") ? "no consumer" : "no vhost",
                        hosts.get(i).get("daemon").asText());
            }
        }
    }

    @Test
    void aManagementApiThatDoesNotAnswerIsTheToolsUsualFailure() throws Exception {
        TestVhost vhost = own(TestVhost.withSchema("ftp"));
        Run run = Tool.run(vhost.env(), "--status", "--host", "ftp",
                "--management-url", "http://127.0.0.1:" + BrokerApi.closedPort());
        assertEquals(1, run.status());
        assertEquals("", run.out());
        String[] lines = run.err().split("\n");
        assertEquals("Can't connect to RabbitMQ!", lines[0]);
        assertTrue(lines[1].startsWith("the management API at http://127.0.0.1:"), run.err());
    }

    private static Run status(Map<String, String> env, String... args) {
        return Tool.run(env, with(List.of("--status", "--management-url", TestBroker.get().managementUri().toString()), args));
    }

    private static String[] with(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private <T extends AutoCloseable> T own(T resource) {
        cleanup.add(resource);
        return resource;
    }
}
