package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.DaemonProcess.Result;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A background daemon started with {@code --metrics-port}: the launcher passes it on to the daemon's JVM. */
class MetricsDaemonProcessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path pidDir;

    private TestVhost vhost;
    private DaemonProcess daemon;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.run("stop");
        }
        vhost.close();
    }

    @Test
    void aBackgroundDaemonServesMetricsAndHealthOnTheGivenPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        daemon = new DaemonProcess(EchoDaemon.class, vhost.env(), List.of(
                "--config-dir", vhost.emptyConfigDir().toString(), "--pid-dir", pidDir.toString(),
                "--log-file", pidDir.resolve("edeposit-echo-test.log").toString(), "--metrics-port", "" + port));
        Result start = daemon.run("start");
        assertEquals(0, start.exitCode(), () -> start + "\nlog:\n" + log());

        HttpResponse<String> health = get(port, "/healthz");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("ok\n", health.body());

        try (Connection connection = vhost.connect(); Channel client = connection.createChannel()) {
            ReplyCollector replies = new ReplyCollector(connection, "plone");
            Requests.publish(client, "downloader", "request", "one", "{\"__nt_name\": \"Echo\", \"value\": 1}");
            assertTrue(replies.take(Duration.ofSeconds(30)) != null, "the request was answered");
        }
        String metrics = get(port, "/metrics").body();
        assertTrue(metrics.contains("edeposit_requests_received_total{daemon=\"echo-test\",type=\"Echo\"} 1"),
                metrics);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String log() {
        try {
            return Files.readString(pidDir.resolve("edeposit-echo-test.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
