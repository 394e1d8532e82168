package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.DaemonProcess.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-ftp-monitord --metrics-port}, a producer, as a process of its own against the real ProFTPD and
 * broker of {@link FtpMonitorProftpdFixture}: it serves {@code /metrics} and {@code /healthz} as a consuming daemon
 * does (docs/monitoring.md), and its port closes when it stops.
 */
class FtpMonitorMetricsIT extends FtpMonitorProftpdFixture {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path pidDir;

    private int port;

    @BeforeEach
    void choosePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon(vhost.env()).run("stop");
    }

    @Test
    void aWorkingMonitorServesItsMetricsAndHealthzOkAndStopClosesThePort() throws Exception {
        DaemonProcess daemon = daemon(vhost.env());
        Result start = daemon.run("start", "--metrics-port", Integer.toString(port));
        assertEquals(0, start.exitCode(), () -> start + "\nlog:\n" + log());

        Await.until("/healthz answers 200 ok", WAIT, () -> get("/healthz").equals("200 ok\n"));
        String metrics = get("/metrics");
        assertTrue(metrics.startsWith("200 "), metrics);
        assertTrue(metrics.contains("edeposit_healthy{daemon=\"ftp-monitor\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("\njvm_threads_current "), "the JVM's metrics: " + metrics);
        assertFalse(metrics.contains("edeposit_requests_received_total{"), "a producer takes no requests: " + metrics);

        Result stop = daemon.run("stop");
        assertEquals(0, stop.exitCode(), () -> stop + "\nlog:\n" + log());
        assertFalse(listening(), "the metrics port is closed once the monitor stopped");
    }

    @Test
    void itsCountersTellTheLinesItReadAndRefusedAndTheImportsItStartedAndPublished() throws Exception {
        DaemonProcess daemon = daemon(vhost.env());
        Result start = daemon.run("start", "--metrics-port", Integer.toString(port));
        assertEquals(0, start.exitCode(), () -> start + "\nlog:\n" + log());
        Await.until("/healthz answers 200 ok", WAIT, () -> get("/healthz").equals("200 ok\n"));
        Map<String, Double> before = counters(); // nobody of this class uploaded or wrote a bad line before

        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            upload("counted.pdf", "%PDF counted");
            nextImport(channel);
        }
        awaitLockFile();
        awaitCaughtUp();
        Files.writeString(settings.ftp().logFile(), "not a line of ProFTPD's\n", StandardOpenOption.APPEND);
        Await.until("the refused line counted", WAIT,
                () -> counters().get(FtpMonitorMetrics.LINES_REFUSED) == before.get(FtpMonitorMetrics.LINES_REFUSED) + 1);

        Map<String, Double> after = counters();
        assertEquals(before.get(FtpMonitorMetrics.IMPORTS) + 1, after.get(FtpMonitorMetrics.IMPORTS), after::toString);
        assertEquals(before.get(FtpMonitorMetrics.PUBLISHED) + 1, after.get(FtpMonitorMetrics.PUBLISHED), after::toString);
        // The upload's lines (STOR, DELE, at least) and the refused one.
        assertTrue(after.get(FtpMonitorMetrics.LINES_READ) >= before.get(FtpMonitorMetrics.LINES_READ) + 3, after::toString);
    }

    /** The monitor's own counters now, by name (each there from the start, from 0). */
    private Map<String, Double> counters() throws Exception {
        String metrics = get("/metrics");
        Map<String, Double> counters = new HashMap<>();
        for (String name : List.of(FtpMonitorMetrics.LINES_READ, FtpMonitorMetrics.LINES_REFUSED, FtpMonitorMetrics.IMPORTS,
                FtpMonitorMetrics.PUBLISHED)) {
            String sample = name + "_total{daemon=\"ftp-monitor\"} ";
            int at = metrics.indexOf("\n" + sample);
            assertTrue(at >= 0, sample + "in " + metrics);
            int from = at + 1 + sample.length();
            counters.put(name, Double.parseDouble(metrics.substring(from, metrics.indexOf('\n', from))));
        }
        return counters;
    }

    @Test
    void aMonitorWaitingForTheBrokerAnswers503UntilItIsStopped() throws Exception {
        Map<String, String> env = new HashMap<>(vhost.env());
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(closed.getLocalPort())); // nothing listens there after
        }
        Process monitor = daemon(env).start(pidDir.resolve("foreground.out"), "start", "--foreground",
                "--metrics-port", Integer.toString(port));
        try {
            Await.until("/healthz answers", WAIT, () -> {
                if (!monitor.isAlive()) {
                    throw new AssertionError("the monitor ended: " + Files.readString(pidDir.resolve("foreground.out")));
                }
                return listening();
            });
            assertEquals("503 connecting to RabbitMQ\n", get("/healthz"));
            assertTrue(get("/metrics").contains("edeposit_healthy{daemon=\"ftp-monitor\"} 0.0\n"));
        } finally {
            monitor.destroy(); // SIGTERM
        }
        assertEquals(0, monitor.waitFor(), () -> "exit status; output:\n" + read(pidDir.resolve("foreground.out")));
        assertFalse(listening(), "the metrics port is closed once the monitor stopped");
    }

    private DaemonProcess daemon(Map<String, String> env) {
        return new DaemonProcess(FtpMonitorDaemon.class, env, List.of("--config-dir", setup.config().toString(),
                "--pid-dir", pidDir.toString(), "--log-file", pidDir.resolve("monitor.log").toString()));
    }

    private String log() {
        return read(pidDir.resolve("monitor.log"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Whether anything accepts a connection on the metrics port. */
    private boolean listening() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    /** The status and the body of one GET of the metrics port. */
    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
