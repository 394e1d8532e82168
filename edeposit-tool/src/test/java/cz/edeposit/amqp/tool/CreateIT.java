package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.TestBroker;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --create} against the real broker: the printed block, and what the broker then really holds. */
class CreateIT {

    private static final String MANAGEMENT = TestBroker.get().managementUri().toString();
    private static final String CLASSIC = " type=classic durable=true auto_delete=false exclusive=false arguments={}";
    private static final String QUORUM = " type=quorum durable=true auto_delete=false exclusive=false"
            + " arguments={x-queue-type=\"quorum\"}";
    private static final String TOPIC = " type=topic durable=true auto_delete=false internal=false arguments={}";

    private final BrokerApi api = new BrokerApi();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void deleteTestVhosts() throws Exception {
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
    }

    @Test
    void createsOneHostWithTheOriginalBlockAndTheBrokerHoldsExactlyThat() {
        TestVhost vhost = own(TestVhost.empty("ftp"));
        Run run = Tool.run(vhost.env(), "--host", "ftp", "--create");
        assertEquals(new Run(0, """
                Created exchange 'ftp'.
                Creating queues:
                \tCreated durable queue 'daemon'.
                \tCreated durable queue 'plone'.

                Routing exchanges using routing key to queues:
                \tRouting exchange ftp['request'] -> 'daemon'.
                \tRouting exchange ftp['result'] -> 'plone'.
                """, ""), run);
        assertEquals(new BrokerApi.Schema(Set.of("ftp" + TOPIC), Set.of("daemon" + CLASSIC, "plone" + CLASSIC),
                Set.of("ftp['request'] -> queue 'daemon'", "ftp['result'] -> queue 'plone'"), Set.of()),
                api.schema(vhost.name()));
    }

    @Test
    void createsAllHostsInListOrderCreatingTheirVhostsAndTheBrokerAgrees() {
        TestVhosts vhosts = own(new TestVhosts());
        Run run = Tool.run(vhosts.env(), "--host", "all", "--create", "--management-url", MANAGEMENT);
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        StringBuilder expected = new StringBuilder();
        Set<String> created = new TreeSet<>();
        for (TestVhosts.Host host : TestVhosts.HOSTS) {
            if (created.add(host.vhost())) {
                expected.append("Created virtualhost '").append(vhosts.of(host.vhost())).append("'.\n");
            }
            expected.append(Tool.block(host.exchange(), host.inputQueue(), "plone"));
        }
        assertEquals(expected.toString(), run.out());
        for (TestVhosts.Host host : TestVhosts.HOSTS) {
            assertEquals(expectedSchema(host.vhost()), api.schema(vhosts.of(host.vhost())), host.name());
            assertEquals(".* .* .*", api.permissions(vhosts.of(host.vhost()), TestBroker.get().user()));
        }
    }

    @Test
    void runningCreateTwiceSucceedsWithTheSameBlockAndChangesNothing() {
        TestVhosts vhosts = own(new TestVhosts());
        Run first = Tool.run(vhosts.env(), "--host", "all", "--create", "--management-url", MANAGEMENT);
        assertEquals(0, first.status(), first.err());
        Map<String, BrokerApi.Schema> before = snapshot(vhosts);
        Run second = Tool.run(vhosts.env(), "--host", "all", "--create", "--management-url", MANAGEMENT);
        assertEquals(0, second.status(), second.err());
        assertEquals(first.out().replaceAll("Created virtualhost '[^']*'\\.\n", ""), second.out());
        assertEquals(before, snapshot(vhosts));
    }

    @Test
    void createsAMissingVhostAndGrantsTheConfiguredUserFullPermissions() {
        TestVhosts vhosts = own(new TestVhosts());
        String vhost = vhosts.ofHost("pdfgen");
        assertFalse(api.vhostExists(vhost));
        Run run = Tool.run(vhosts.env(), "-s", "pdfgen", "-c", "--management-url", MANAGEMENT);
        assertEquals(new Run(0, "Created virtualhost '" + vhost + "'.\n" + Tool.block("pdfgen", "daemon", "plone"), ""), run);
        assertEquals(".* .* .*", api.permissions(vhost, TestBroker.get().user()));
    }

    @Test
    void aMissingVhostWithoutManagementApiGivesTheOriginalMessageAndStatusOne() throws Exception {
        TestVhosts vhosts = own(new TestVhosts());
        Run run = Tool.run(vhosts.env(), "--host", "ftp", "--create",
                "--management-url", "http://127.0.0.1:" + BrokerApi.closedPort());
        assertEquals(1, run.status());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(List.of("Can't connect to virtuahost!", "Make sure, that virtualhost is created."), lines.subList(0, 2));
        assertTrue(lines.get(2).contains("rabbitmqctl add_vhost " + vhosts.ofHost("ftp")), lines.get(2));
        assertEquals(3, lines.size(), run.err());
        assertFalse(api.vhostExists(vhosts.ofHost("ftp")));
    }

    @Test
    void anExistingVhostWithoutPermissionsIsReportedNotRecreated() {
        TestVhosts vhosts = own(new TestVhosts());
        api.createBareVhost(vhosts.ofHost("ltp"));
        Run run = Tool.run(vhosts.env(), "--host", "ltp", "--create", "--management-url", MANAGEMENT);
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Can't connect to virtuahost!\nMake sure, that virtualhost is created.\n"), run.err());
        assertTrue(run.err().contains("exists but user '" + TestBroker.get().user() + "' may not use it"), run.err());
        assertTrue(run.err().contains("rabbitmqctl set_permissions -p " + vhosts.ofHost("ltp")), run.err());
    }

    @Test
    void anUnreachableBrokerIsCantConnectWithStatusOne() throws Exception {
        Map<String, String> env = new HashMap<>(own(new TestVhosts()).env());
        env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(BrokerApi.closedPort()));
        Run run = Tool.run(env, "--host", "all", "--create");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Can't connect to RabbitMQ!\n"), run.err());
        assertTrue(run.err().contains("check RABBITMQ_HOST and RABBITMQ_PORT"), run.err());
    }

    @Test
    void declaresQuorumQueuesWhenAskedAndRedeclaresThem() {
        TestVhost vhost = own(TestVhost.empty("harvester"));
        String quorumBlock = Tool.block("harvester", "daemon", "plone").replace("durable queue", "durable quorum queue");
        for (int i = 0; i < 2; i++) {
            Run run = Tool.run(vhost.env(), "--host", "harvester", "--create", "--queue-type", "quorum");
            assertEquals(new Run(0, quorumBlock, ""), run);
        }
        assertEquals(Set.of("daemon" + QUORUM, "plone" + QUORUM), api.schema(vhost.name()).queues());
    }

    @Test
    void aQueueOfAnotherTypeIsReportedWithAHintNotAStackTrace() {
        TestVhost vhost = own(TestVhost.empty("ftp"));
        assertEquals(0, Tool.run(vhost.env(), "--host", "ftp", "--create").status());
        Run quorum = Tool.run(vhost.env(), "--host", "ftp", "--create", "--queue-type", "quorum");
        assertEquals(1, quorum.status());
        assertEquals("Created exchange 'ftp'.\nCreating queues:\n", quorum.out());
        List<String> lines = quorum.err().lines().toList();
        assertEquals(2, lines.size(), quorum.err());
        assertTrue(lines.get(0).startsWith("Can't create queue 'daemon' in vhost '" + vhost.name()
                + "': PRECONDITION_FAILED - inequivalent arg 'x-queue-type'"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Hint: queue 'daemon' already exists as a classic queue and --queue-type"
                + " asks for quorum: run --create with --queue-type classic"), lines.get(1));
        Run classicAgain = Tool.run(vhost.env(), "--host", "ftp", "--create");
        assertEquals(0, classicAgain.status(), "the failed attempt changed nothing: " + classicAgain.err());
    }

    @Test
    void anExchangeOfAnotherTypeIsReportedWithAHint() throws Exception {
        TestVhost vhost = own(TestVhost.empty("antivirus"));
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare("antivirus", "direct", true);
        }
        Run run = Tool.run(vhost.env(), "--host", "antivirus", "--create");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Can't create exchange 'antivirus' in vhost '" + vhost.name()
                + "': PRECONDITION_FAILED - inequivalent arg 'type'"), run.err());
        assertTrue(run.err().contains("Hint: exchange 'antivirus' already exists with another 'type'"), run.err());
    }

    @Test
    void extraExchangesAreBoundToTheInputQueueWithTheInputKey() {
        TestVhost vhost = own(TestVhost.empty("aleph"));
        Run run = Tool.run(vhost.env(), "--host", "aleph", "--create", "--extra-exchange", "validate",
                "--extra-exchange", "count");
        assertEquals(new Run(0, """
                Created exchange 'search'.
                Created exchange 'validate'.
                Created exchange 'count'.
                Creating queues:
                \tCreated durable queue 'daemon'.
                \tCreated durable queue 'plone'.

                Routing exchanges using routing key to queues:
                \tRouting exchange search['request'] -> 'daemon'.
                \tRouting exchange search['result'] -> 'plone'.
                \tRouting exchange validate['request'] -> 'daemon'.
                \tRouting exchange count['request'] -> 'daemon'.
                """, ""), run);
        BrokerApi.Schema schema = api.schema(vhost.name());
        assertEquals(Set.of("count" + TOPIC, "search" + TOPIC, "validate" + TOPIC), schema.exchanges());
        assertEquals(Set.of("count['request'] -> queue 'daemon'", "search['request'] -> queue 'daemon'",
                "search['result'] -> queue 'plone'", "validate['request'] -> queue 'daemon'"), schema.bindings());
    }

    private static BrokerApi.Schema expectedSchema(String realVhost) {
        Set<String> exchanges = new TreeSet<>();
        Set<String> queues = new TreeSet<>();
        Set<String> bindings = new TreeSet<>();
        for (TestVhosts.Host host : TestVhosts.HOSTS) {
            if (host.vhost().equals(realVhost)) {
                exchanges.add(host.exchange() + TOPIC);
                queues.add(host.inputQueue() + CLASSIC);
                queues.add("plone" + CLASSIC);
                bindings.add(host.exchange() + "['request'] -> queue '" + host.inputQueue() + "'");
                bindings.add(host.exchange() + "['result'] -> queue 'plone'");
            }
        }
        return new BrokerApi.Schema(exchanges, queues, bindings, Set.of());
    }

    private Map<String, BrokerApi.Schema> snapshot(TestVhosts vhosts) {
        Map<String, BrokerApi.Schema> schemas = new HashMap<>();
        TestVhosts.HOSTS.forEach(host -> schemas.put(host.vhost(), api.schema(vhosts.of(host.vhost()))));
        return schemas;
    }

    private <T extends AutoCloseable> T own(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }
}
