package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.ServiceState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A suite's endpoint over real HTTP, fed by hand: its daemons' series in one registry, /healthz naming each. */
class SuiteMetricsEndpointTest {

    private static final ServiceState SERVING = new ServiceState(ServiceState.Phase.SERVING, "");

    @Test
    void servesEveryDaemonsSeriesInOneRegistryAndTheJvmsOnce() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.startForSuite(List.of("aleph", "pdfgen", "ftp-monitor"),
                Set.of("ftp-monitor"), "127.0.0.1", 0)) {
            endpoint.daemon("aleph").metrics().channelFailed();
            Scrape metrics = Scrape.get(endpoint.port(), "/metrics");
            assertEquals(1, metrics.value("edeposit_channel_restarts_total", "daemon", "aleph"), metrics.body());
            assertEquals(0, metrics.value("edeposit_channel_restarts_total", "daemon", "pdfgen"), metrics.body());
            assertEquals(-1, metrics.value("edeposit_last_success_age_seconds", "daemon", "ftp-monitor"),
                    "a producer takes no requests: " + metrics.body());
            assertSame(RpcMetrics.NONE, endpoint.daemon("ftp-monitor").metrics());
            assertEquals(0, metrics.value("edeposit_healthy", "daemon", "ftp-monitor"), metrics.body());
            assertEquals(1, metrics.body().lines().filter(line -> line.startsWith("jvm_threads_current ")).count(),
                    metrics.body());
        }
    }

    @Test
    void healthzIsOkOnlyWhileEveryDaemonServesAndNamesEachThatDoesNot() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.startForSuite(List.of("aleph", "pdfgen"), Set.of(),
                "127.0.0.1", 0)) {
            assertEquals(new Scrape(503, "aleph: connecting to RabbitMQ\npdfgen: connecting to RabbitMQ\n"),
                    Scrape.get(endpoint.port(), "/healthz"));
            endpoint.daemon("aleph").health().accept(SERVING);
            endpoint.daemon("pdfgen").health().accept(SERVING);
            assertEquals(new Scrape(200, "ok\n"), Scrape.get(endpoint.port(), "/healthz"));

            endpoint.daemon("pdfgen").health().accept(new ServiceState(ServiceState.Phase.RECONNECTING,
                    "it stopped by itself; restarting pdfgen in 1 s"));
            assertEquals(new Scrape(503, "pdfgen: not serving: it stopped by itself; restarting pdfgen in 1 s\n"),
                    Scrape.get(endpoint.port(), "/healthz"));
            endpoint.daemon("pdfgen").health().accept(SERVING);
            endpoint.daemon("aleph").heartbeat().beat("aleph-worker-1 is still in its handler");
            assertEquals(new Scrape(503, "aleph: stuck: aleph-worker-1 is still in its handler\n"),
                    Scrape.get(endpoint.port(), "/healthz"));
        }
    }

    @Test
    void aDaemonNamedTwiceIsRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> MetricsEndpoint.startForSuite(List.of("aleph", "aleph"), Set.of(), "127.0.0.1", 0));
        assertTrue(twice.getMessage().contains("'aleph'"), twice.getMessage());
    }
}
