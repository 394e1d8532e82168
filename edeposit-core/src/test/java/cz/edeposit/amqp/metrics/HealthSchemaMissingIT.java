package cz.edeposit.amqp.metrics;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.InProcessDaemon;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /healthz} of a daemon whose queue is deleted while it serves (the broker then refuses it
 * with 404 NOT_FOUND): 503 with one line naming the queue and the command that creates it, and 200
 * again once the schema is back.
 */
class HealthSchemaMissingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void healthzNamesTheMissingQueueAndTheCreateCommandUntilTheSchemaIsBack() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            HostSettings host = vhost.host();
            RpcOptions options = new RpcOptions(host, new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER,
                    1, 1, Duration.ofSeconds(5));
            RecoveryPolicy policy = RecoveryPolicy.defaults().withBackoff(Duration.ofMillis(250), Duration.ofSeconds(1));
            try (MetricsEndpoint endpoint = MetricsEndpoint.start("echo-test", "127.0.0.1", 0);
                 InProcessDaemon daemon = new InProcessDaemon(() -> BrokerConnection.openForDaemon(vhost.settings(),
                         vhost.name(), "edeposit-health-schema", 10), options, policy,
                         endpoint.daemon("echo-test").metrics(), endpoint.daemon("echo-test").health())) {
                daemon.await(0, ServiceState.Phase.SERVING, WAIT);
                assertEquals(new Scrape(200, "ok\n"), Scrape.get(endpoint.port(), "/healthz"));

                try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
                    channel.queueDelete(host.inputQueue());
                }
                Await.until("/healthz answers 503", WAIT, () -> Scrape.get(endpoint.port(), "/healthz").status() == 503
                        && Scrape.get(endpoint.port(), "/healthz").body().contains("schema missing"));
                String body = Scrape.get(endpoint.port(), "/healthz").body();
                assertEquals(1, body.lines().count(), body);
                assertTrue(body.startsWith("not serving: schema missing: queue '" + host.inputQueue()
                        + "' does not exist in vhost '" + vhost.name()
                        + "'; create the schema with: edeposit-amqp-tool --host downloader --create; retrying in "), body);

                vhost.declareSchema();
                Await.until("/healthz answers 200 again", WAIT,
                        () -> Scrape.get(endpoint.port(), "/healthz").status() == 200);
            }
        }
    }
}
