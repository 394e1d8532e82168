package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.ServiceState;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A producer's endpoint over real HTTP, fed by hand: its health in /healthz and edeposit_healthy, no request series. */
class ProducerMetricsEndpointTest {

    @Test
    void servesTheProducersHealthWithoutRequestSeriesAndClosesOnce() throws Exception {
        MetricsEndpoint endpoint = MetricsEndpoint.startForProducer("ftp-monitor", "127.0.0.1", 0);
        int port = endpoint.port();
        try {
            assertSame(RpcMetrics.NONE, endpoint.daemon("ftp-monitor").metrics());
            assertEquals(new Scrape(503, "connecting to RabbitMQ\n"), Scrape.get(port, "/healthz"));
            assertEquals(0, Scrape.get(port, "/metrics").value("edeposit_healthy", "daemon", "ftp-monitor"));

            endpoint.daemon("ftp-monitor").health().accept(new ServiceState(ServiceState.Phase.SERVING, ""));
            assertEquals(new Scrape(200, "ok\n"), Scrape.get(port, "/healthz"));
            Scrape metrics = Scrape.get(port, "/metrics");
            assertEquals(1, metrics.value("edeposit_healthy", "daemon", "ftp-monitor"), metrics.body());
            assertEquals(-1, metrics.value("edeposit_last_success_age_seconds", "daemon", "ftp-monitor"),
                    "a producer takes no requests: " + metrics.body());
        } finally {
            endpoint.close();
        }
        endpoint.close(); // a second close, as a stop after a failed start may do, is harmless
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            }
        }, "the port is closed");
    }

    @Test
    void aProducersOwnCountersAreItsFromZeroAndGoOnCountingWhenAskedForAgain() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.startForSuite(List.of("aleph", "ftp-monitor"), Set.of("ftp-monitor"),
                "127.0.0.1", 0)) {
            DaemonCounters counters = endpoint.daemon("ftp-monitor").counters();
            DaemonCounters.Counter lines = counters.counter("edeposit_test_lines", "Lines read");
            Scrape before = Scrape.get(endpoint.port(), "/metrics");
            assertEquals(0, before.value("edeposit_test_lines_total", "daemon", "ftp-monitor"), before.body());
            assertTrue(before.body().contains("# HELP edeposit_test_lines_total Lines read\n"), before.body());
            lines.add(3);
            lines.increment();
            // A producer the suite restarts asks again, and goes on from where the one before stopped.
            endpoint.daemon("ftp-monitor").counters().counter("edeposit_test_lines", "Lines read").increment();
            Scrape after = Scrape.get(endpoint.port(), "/metrics");
            assertEquals(5, after.value("edeposit_test_lines_total", "daemon", "ftp-monitor"), after.body());
            assertEquals(-1, after.value("edeposit_test_lines_total", "daemon", "aleph"), "only the daemon's own: " + after.body());
        }
        DaemonCounters.NONE.counter("edeposit_test_lines", "Lines read").increment(); // counts to nothing, and fails not
    }
}
