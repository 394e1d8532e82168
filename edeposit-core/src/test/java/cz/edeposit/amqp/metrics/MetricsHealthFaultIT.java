package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.InProcessDaemon;
import cz.edeposit.amqp.testing.PrivateBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /healthz} and the connection metrics while a private RabbitMQ node of this class's own is
 * stopped and started again (the shared broker is never touched).
 */
class MetricsHealthFaultIT {

    private static final String HOST = "downloader";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final PrivateBroker broker = PrivateBroker.perTestClass();

    @Test
    void healthzTurns503WhileTheBrokerIsDownAnd200WhenItIsBack() throws Exception {
        broker.resetSchema(HOST);
        RpcOptions options = new RpcOptions(broker.host(HOST), new NtCodec(EchoDaemon.REQUESTS), EchoDaemon.HANDLER,
                1, 1, Duration.ofSeconds(5));
        RecoveryPolicy policy = RecoveryPolicy.defaults().withBackoff(Duration.ofMillis(250), Duration.ofSeconds(1));
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("echo-test", "127.0.0.1", 0);
             InProcessDaemon daemon = new InProcessDaemon(() -> BrokerConnection.openForDaemon(broker.settings(HOST),
                     PrivateBroker.VHOST, "edeposit-metrics-fault", 10), options, policy,
                     endpoint.daemon("echo-test").metrics(), endpoint.daemon("echo-test").health())) {
            daemon.await(0, ServiceState.Phase.SERVING, WAIT);
            assertEquals(new Scrape(200, "ok\n"), Scrape.get(endpoint.port(), "/healthz"));

            broker.stopApp();
            Await.until("/healthz answers 503", WAIT, () -> Scrape.get(endpoint.port(), "/healthz").status() == 503);
            Scrape down = Scrape.get(endpoint.port(), "/healthz");
            assertTrue(down.body().startsWith("not serving: ") && down.body().lines().count() == 1, down.body());
            Scrape metrics = Scrape.get(endpoint.port(), "/metrics");
            assertTrue(metrics.body().contains("edeposit_broker_connected{daemon=\"echo-test\",node=\"")
                    && metrics.value("edeposit_broker_connected", "daemon", "echo-test") == 0, metrics.body());

            broker.startApp();
            Await.until("/healthz answers 200 again", WAIT,
                    () -> Scrape.get(endpoint.port(), "/healthz").status() == 200);
            Scrape back = Scrape.get(endpoint.port(), "/metrics");
            assertEquals(1, back.value("edeposit_reconnects_total", "daemon", "echo-test"), back.body());
            assertEquals(1, back.value("edeposit_broker_connected", "daemon", "echo-test"), back.body());
            assertTrue(back.value("edeposit_channel_restarts_total", "daemon", "echo-test") >= 1, back.body());
        }
    }
}
