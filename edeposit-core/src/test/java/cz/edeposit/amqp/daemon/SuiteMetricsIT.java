package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suite started with {@code --metrics-port}: one JVM ({@link EchoSuite}) with two daemons, each in a
 * vhost of its own on the real broker, and one endpoint for both, scraped over HTTP while the second
 * daemon is restarted by the suite.
 */
class SuiteMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path pidDir;

    private TestVhost echoVhost;
    private TestVhost alephVhost;
    private Connection echoConnection;
    private Connection alephConnection;
    private ReplyCollector echoReplies;
    private ReplyCollector alephReplies;
    private Process process;
    private int port;
    private int sent;

    @BeforeEach
    void setUp() throws Exception {
        echoVhost = TestVhost.withSchema("downloader");
        alephVhost = TestVhost.withSchema("aleph");
        echoConnection = echoVhost.connect();
        alephConnection = alephVhost.connect();
        echoReplies = new ReplyCollector(echoConnection, echoVhost.host().outputQueue());
        alephReplies = new ReplyCollector(alephConnection, alephVhost.host().outputQueue());
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(echoVhost.env());
        env.putAll(alephVhost.env());
        DaemonProcess suite = new DaemonProcess(EchoSuite.class, env, List.of("--config-dir",
                echoVhost.emptyConfigDir().toString(), "--pid-dir", pidDir.toString()));
        // --fail-fast: the second daemon's lost queue ends it, and the suite restarts it (2 s apart at most).
        process = suite.start(pidDir.resolve("suite.log"), "start", "--foreground", "--daemons", "all",
                "--metrics-port", Integer.toString(port), "--fail-fast", "--max-backoff", "2");
        Await.until("the suite serves with both daemons", WAIT, () -> log().contains("serves with every daemon"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        echoConnection.close();
        alephConnection.close();
        echoVhost.close();
        alephVhost.close();
    }

    @Test
    void oneEndpointServesBothDaemonsMetricsAndHealthzNamesTheDaemonThatDoesNotServe() throws Exception {
        assertEquals("200 ok\n", get("/healthz"));
        echo(echoVhost, "one");
        echo(alephVhost, "one");
        Await.until("both daemons' requests are counted", WAIT, () -> get("/metrics").contains(received("echo-test", 1))
                && get("/metrics").contains(received("echo-aleph", 1)));
        String metrics = get("/metrics");
        assertEquals(1, metrics.lines().filter(line -> line.startsWith("jvm_threads_current ")).count(),
                "the JVM's metrics once: " + metrics);
        assertTrue(metrics.contains("edeposit_broker_connected{daemon=\"echo-test\",node=")
                && metrics.contains("edeposit_broker_connected{daemon=\"echo-aleph\",node="), metrics);

        try (Channel channel = alephConnection.createChannel()) {
            channel.queueDelete(alephVhost.host().inputQueue());
        }
        Await.until("/healthz answers 503 for the second daemon", WAIT, () -> get("/healthz").startsWith("503 "));
        String down = get("/healthz");
        assertEquals(1, down.lines().count(), down);
        assertTrue(down.startsWith("503 echo-aleph: "), down);
        echo(echoVhost, "meanwhile");
        assertTrue(get("/healthz").startsWith("503 echo-aleph: "), "the other daemon serves");

        alephVhost.declareSchema();
        Await.until("/healthz answers 200 again", WAIT, () -> get("/healthz").equals("200 ok\n"));
        echo(alephVhost, "after");
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

    private void echo(TestVhost vhost, String value) throws Exception {
        String id = "suite-metrics-" + ++sent;
        try (Channel channel = (vhost == echoVhost ? echoConnection : alephConnection).createChannel()) {
            Requests.publish(channel, vhost.host().exchange(), vhost.host().inputKey(), id,
                    "{\"__nt_name\": \"Echo\", \"value\": \"" + value + "\"}");
        }
        Reply reply = (vhost == echoVhost ? echoReplies : alephReplies).take(WAIT);
        assertTrue(reply != null, () -> "no reply to " + id + "\nlog:\n" + log());
        assertEquals(id, reply.header("UUID"), reply::text);
    }

    /** The status and the body of one GET of the metrics port. */
    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private String log() {
        try {
            return Files.readString(pidDir.resolve("suite.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
