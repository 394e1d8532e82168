package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import cz.edeposit.amqp.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suite started with {@code --metrics-port}: one JVM ({@link EchoSuite}) with two daemons, each in a
 * vhost of its own on the real broker, and one endpoint for both, scraped over HTTP while the second
 * daemon is restarted by the suite.
 */
class SuiteMetricsIT {

    private static final Duration WAIT = EchoSuiteRun.WAIT;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final EchoSuiteRun run = new EchoSuiteRun();

    private Process process;
    private int port;

    @BeforeEach
    void startSuite() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // --fail-fast: the second daemon's lost queue ends it, and the suite restarts it (2 s apart at most).
        process = run.start("--metrics-port", Integer.toString(port), "--fail-fast", "--max-backoff", "2");
    }

    @Test
    void oneEndpointServesBothDaemonsMetricsAndHealthzNamesTheDaemonThatDoesNotServe() throws Exception {
        assertEquals("200 ok\n", get("/healthz"));
        run.first().echo("one");
        run.second().echo("one");
        Await.until("both daemons' requests are counted", WAIT, () -> get("/metrics").contains(received("echo-test", 1))
                && get("/metrics").contains(received("echo-aleph", 1)));
        String metrics = get("/metrics");
        assertEquals(1, metrics.lines().filter(line -> line.startsWith("jvm_threads_current ")).count(),
                "the JVM's metrics once: " + metrics);
        assertTrue(metrics.contains("edeposit_broker_connected{daemon=\"echo-test\",node=")
                && metrics.contains("edeposit_broker_connected{daemon=\"echo-aleph\",node="), metrics);

        try (Channel channel = run.second().connection().createChannel()) {
            channel.queueDelete(run.second().vhost().host().inputQueue());
        }
        Await.until("/healthz answers 503 for the second daemon", WAIT, () -> get("/healthz").startsWith("503 "));
        String down = get("/healthz");
        assertEquals(1, down.lines().count(), down);
        assertTrue(down.startsWith("503 echo-aleph: "), down);
        run.first().echo("meanwhile");
        assertTrue(get("/healthz").startsWith("503 echo-aleph: "), "the other daemon serves");

        run.second().vhost().declareSchema();
        Await.until("/healthz answers 200 again", WAIT, () -> get("/healthz").equals("200 ok\n"));
        run.second().echo("after");
        // One set of series per daemon for the JVM's life: the restarted daemon goes on counting.
        Await.until("the restarted daemon's counter goes on", WAIT, () -> get("/metrics").contains(received("echo-aleph", 2)));
        metrics = get("/metrics");
        assertTrue(metrics.contains(received("echo-test", 2)), metrics);
        assertTrue(metrics.contains("edeposit_reconnects_total{daemon=\"echo-aleph\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("edeposit_reconnects_total{daemon=\"echo-test\"} 0.0\n"), metrics);
        assertTrue(process.isAlive());
    }

    private static String received(String daemon, int count) {
        return "edeposit_requests_received_total{daemon=\"" + daemon + "\",type=\"Echo\"} " + count + ".0\n";
    }

    /** The status and the body of one GET of the metrics port. */
    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
