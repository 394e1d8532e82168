package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.DaemonProcess.Result;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.NotifyListener;
import cz.edeposit.amqp.testing.NotifyListener.Message;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A daemon under a {@code Type=notify} unit, as far as it can be without systemd as PID 1: its
 * {@code NOTIFY_SOCKET} is a datagram socket this test listens on (python3, {@link NotifyListener}).
 * READY=1 only once it consumes, in the foreground and in the background; watchdog pings at half of
 * {@code WATCHDOG_USEC} that stop while a worker is stuck (when {@code /healthz} says so too);
 * STOPPING=1 on SIGTERM.
 */
class SystemdNotifyIT {

    // A bound on each wait, generous for a loaded machine: it only matters when what is awaited never comes.
    private static final Duration WAIT = Duration.ofSeconds(120);
    // How long the stubborn handler takes: time enough, even on a loaded machine, for the supervision loop to
    // see the worker stuck (1 s time-out, 1 s grace) before the handler returns.
    private static final long STUBBORN_MILLIS = 15_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestVhost vhost;
    private NotifyListener listener;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        listener = NotifyListener.inDirectory(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        listener.close();
        vhost.close();
    }

    private DaemonProcess daemon(Map<String, String> extraEnv, String... options) {
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("NOTIFY_SOCKET", listener.socket());
        env.putAll(extraEnv);
        List<String> common = new java.util.ArrayList<>(List.of("--config-dir", vhost.emptyConfigDir().toString(),
                "--pid-dir", dir.toString(), "--log-file", dir.resolve("edeposit-echo-test.log").toString()));
        common.addAll(List.of(options));
        return new DaemonProcess(EchoDaemon.class, env, common);
    }

    /** Consumers on the input queue now, from the broker (not the management API, which lags). */
    private int consumers() throws Exception {
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(vhost.host().inputQueue()).getConsumerCount();
        }
    }

    @Test
    void inTheForegroundItIsReadyOnceItConsumesPingsTheWatchdogUntilAWorkerIsStuckAndSaysStopping() throws Exception {
        // WATCHDOG_USEC of 1 s: a ping every 0.5 s; a handler ignoring the 1 s time-out is stuck 1 s later.
        long before = System.nanoTime();
        int port = freePort();
        DaemonProcess daemon = daemon(Map.of("WATCHDOG_USEC", "1000000"), "--handler-timeout", "1",
                "--metrics-port", "" + port);
        Path log = dir.resolve("foreground.log");
        Process process = daemon.start(log, "start", "--foreground");
        try {
            Message ready = listener.await("READY=1", m -> m.has("READY=1"), WAIT);
            assertEquals(1, consumers(), "consuming when READY=1 arrived");
            assertEquals(String.valueOf(process.pid()), ready.value("MAINPID"));
            assertEquals("consuming queue '" + vhost.host().inputQueue() + "' in vhost '" + vhost.name()
                    + "' with 1 worker(s)", ready.value("STATUS"));
            assertEquals("connecting to RabbitMQ", listener.messages().get(0).value("STATUS"), "the first notification");

            // Pings every 0.5 s: 12 come within 40 s even on a loaded machine, where at the 5 s of the daemon's beat
            // without a watchdog (ForegroundRunner.HEALTH_PERIOD) they would take 55 s.
            Duration pinging = Duration.ofSeconds(40);
            listener.await("12 pings within " + pinging, m -> pingTimes(ready.nanos(), Long.MAX_VALUE).size() >= 12,
                    pinging);

            long published = System.nanoTime();
            try (Connection connection = vhost.connect(); Channel client = connection.createChannel()) {
                Requests.publish(client, vhost.host().exchange(), "request", "stuck-1",
                        "{\"__nt_name\": \"Stubborn\", \"millis\": " + STUBBORN_MILLIS + "}");
            }
            Message stuck = listener.await("a stuck STATUS", m -> m.text().startsWith("STATUS=stuck: "), WAIT);
            assertTrue(stuck.text().contains("edeposit-worker-1 is still in its handler"), stuck.text());
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().startsWith("stuck: edeposit-worker-1 is still in its handler"), health.body());
            // Stuck about 2 s after the publication (time-out 1 s, as long again), and no ping until the
            // handler returned STUBBORN_MILLIS after it: under load everything only comes later.
            Message again = listener.await("WATCHDOG=1 once the handler returned",
                    m -> m.has("WATCHDOG=1") && m.nanos() > stuck.nanos(), WAIT);
            assertTrue(again.nanos() - published >= (STUBBORN_MILLIS - 500) * 1_000_000, "no ping while the worker was stuck: the first came "
                    + (again.nanos() - published) / 1_000_000 + " ms after the request, the stuck status "
                    + (stuck.nanos() - published) / 1_000_000 + " ms after it");
            assertTrue(again.text().contains("STATUS=consuming queue"), again.text());

            process.destroy();
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), Files.readString(log));
            Message stopping = listener.await("STOPPING=1", m -> m.has("STOPPING=1"), WAIT);
            // Never more often than every 0.5 s: each ping waits the period after the one before (a load only
            // spaces them more), so that the daemon's whole life holds at most one per 0.5 s, and one more
            // where its loop changed from waiting for the broker to consuming.
            int pings = pingTimes(before, stopping.nanos()).size();
            long most = (stopping.nanos() - before) / 500_000_000L + 2;
            assertTrue(pings <= most, pings + " pings in " + (stopping.nanos() - before) / 1_000_000 + " ms");
        } finally {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private List<Long> pingTimes(long from, long to) {
        return listener.messages().stream().filter(m -> m.has("WATCHDOG=1") && m.nanos() > from && m.nanos() <= to)
                .map(Message::nanos).toList();
    }

    @Test
    void inTheBackgroundTheDaemonsJvmIsReadyOnceItConsumesAndNamesItselfTheMainProcess() throws Exception {
        DaemonProcess daemon = daemon(Map.of());
        try {
            Result start = daemon.run("start", "--start-timeout", "110"); // DaemonProcess waits 120 s
            assertEquals(0, start.exitCode(), start.toString());
            Message ready = listener.await("READY=1", m -> m.has("READY=1"), WAIT);
            assertTrue(start.err().contains("started with pid " + ready.value("MAINPID")), start + " " + ready);
            assertEquals(1, consumers(), "consuming when READY=1 arrived");
            assertEquals(1, listener.messages().stream().filter(m -> m.has("READY=1")).count());
        } finally {
            assertEquals(0, daemon.run("stop").exitCode());
        }
        listener.await("STOPPING=1", m -> m.has("STOPPING=1"), WAIT);
    }

    @Test
    void whileTheBrokerCannotBeReachedItIsNotReadyButSaysWhyAndExtendsItsStartTimeout() throws Exception {
        int closed = freePort();
        DaemonProcess daemon = daemon(Map.of("EDEPOSIT_RABBITMQ_PORT", "" + closed, "WATCHDOG_USEC", "1000000"));
        Process process = daemon.start(dir.resolve("waiting.log"), "start", "--foreground");
        try {
            Message waiting = listener.await("STATUS=waiting", m -> String.valueOf(m.value("STATUS"))
                    .startsWith("waiting for RabbitMQ: "), WAIT);
            Message extended = listener.await("EXTEND_TIMEOUT_USEC", m -> m.value("EXTEND_TIMEOUT_USEC") != null, WAIT);
            assertEquals("1500000", extended.value("EXTEND_TIMEOUT_USEC"));
            assertTrue(extended.nanos() > waiting.nanos());
            assertFalse(listener.messages().stream().anyMatch(m -> m.has("READY=1")), listener.messages().toString());
        } finally {
            process.destroy();
            process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
