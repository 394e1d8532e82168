package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.TestBroker;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --create --dead-letter}: the objects, the policy, and the broker really dead-lettering requests. */
class DeadLetterIT {

    private static final String MANAGEMENT = TestBroker.get().managementUri().toString();
    private static final Duration DEAD_LETTERED = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String CLASSIC = " type=classic durable=true auto_delete=false exclusive=false arguments={}";

    private final BrokerApi api = new BrokerApi();
    private final List<TestVhost> cleanup = new ArrayList<>();

    @AfterEach
    void deleteTestVhosts() {
        cleanup.forEach(TestVhost::close);
    }

    @Test
    void deadLetterCreatesExchangeQueueAndAPolicyTheBrokerApplies() throws Exception {
        TestVhost vhost = own(TestVhost.empty("ftp"));
        Run run = Tool.run(vhost.env(), "--host", "ftp", "--create", "--dead-letter", "--management-url", MANAGEMENT);
        assertEquals(new Run(0, Tool.block("ftp", "daemon", "plone") + """

                Dead-lettering queue 'daemon':
                \tCreated exchange 'daemon.dead-letter'.
                \tCreated durable queue 'daemon.dead-letter'.
                \tRouting exchange daemon.dead-letter['#'] -> 'daemon.dead-letter'.
                \tSet policy 'edeposit-dead-letter-daemon': queue 'daemon' dead-letters to exchange 'daemon.dead-letter'.
                """, ""), run);
        BrokerApi.Schema schema = api.schema(vhost.name());
        assertEquals(Set.of("daemon" + CLASSIC, "daemon.dead-letter" + CLASSIC, "plone" + CLASSIC), schema.queues(),
                "dead-lettering by policy: the input queue keeps no arguments");
        assertEquals(Set.of("edeposit-dead-letter-daemon pattern=^daemon$ apply-to=queues"
                + " definition={dead-letter-exchange=\"daemon.dead-letter\"} priority=0"), schema.policies());
        assertTrue(rejectedRequestReachesTheDeadLetterQueue(vhost), "a rejected request is dead-lettered");
        assertEquals(0, Tool.run(vhost.env(), "--host", "ftp", "--create", "--dead-letter",
                "--management-url", MANAGEMENT).status(), "idempotent with --dead-letter too");
    }

    @Test
    void aQuorumDeliveryLimitDeadLettersAPoisonRequest() throws Exception {
        TestVhost vhost = own(TestVhost.empty("ltp"));
        Run run = Tool.run(vhost.env(), "--host", "ltp", "--create", "--queue-type", "quorum", "--dead-letter",
                "--delivery-limit", "2", "--management-url", MANAGEMENT);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().endsWith("\tSet policy 'edeposit-dead-letter-daemon': queue 'daemon' dead-letters to exchange"
                + " 'daemon.dead-letter' (delivery limit 2).\n"), run.out());
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish("ltp", "request", null, "poison".getBytes());
            channel.waitForConfirmsOrDie(10_000);
            GetResponse dead = Await.value("the poison request dead-lettered", DEAD_LETTERED, POLL, () -> {
                // A daemon that dies on the request: it is never acked, so it comes back, until the limit.
                GetResponse request = channel.basicGet("daemon", false);
                if (request != null) {
                    channel.basicNack(request.getEnvelope().getDeliveryTag(), false, true);
                }
                return channel.basicGet("daemon.dead-letter", true);
            }, Objects::nonNull);
            assertEquals("poison", new String(dead.getBody()));
            assertTrue(dead.getProps().getHeaders().get("x-death").toString().contains("delivery_limit"),
                    dead.getProps().getHeaders().toString());
        }
    }

    // What a daemon does with a request it cannot answer: reject it without requeueing.
    private static boolean rejectedRequestReachesTheDeadLetterQueue(TestVhost vhost) throws Exception {
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            // A new policy reaches the queue within moments, not at once: reject one request each round.
            GetResponse dead = Await.value("a rejected request dead-lettered", DEAD_LETTERED, POLL, () -> {
                channel.basicPublish("ftp", "request", null, "unanswerable".getBytes());
                GetResponse request = channel.basicGet("daemon", false);
                if (request != null) {
                    channel.basicReject(request.getEnvelope().getDeliveryTag(), false);
                }
                return channel.basicGet("daemon.dead-letter", true);
            }, Objects::nonNull);
            return new String(dead.getBody()).equals("unanswerable") && dead.getProps().getHeaders().containsKey("x-death");
        }
    }

    private TestVhost own(TestVhost vhost) {
        cleanup.add(vhost);
        return vhost;
    }
}
