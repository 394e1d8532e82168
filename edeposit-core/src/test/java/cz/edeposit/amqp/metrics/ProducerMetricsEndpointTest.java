package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.ServiceState;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
