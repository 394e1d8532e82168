package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set-up of each suite-mode test, as {@code @RegisterExtension final EchoSuiteRun run = new
 * EchoSuiteRun();}: before the test, a vhost of its own on the real broker for each of {@link EchoSuite}'s
 * two daemons, with the test's connection and reply reader on each; {@link #start} runs the suite as an
 * operator's process; after the test, the process is killed and the vhosts and the PID directory removed.
 */
final class EchoSuiteRun implements BeforeEachCallback, AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(60);

    private Path pidDir;
    private Side first;
    private Side second;
    private DaemonProcess suite;
    private Process process;
    private int sent;

    /** One of the suite's daemons as the test sees it: its vhost, the test's connection to it, its replies. */
    final class Side {

        private final TestVhost vhost;
        private final Connection connection;
        private final ReplyCollector replies;

        private Side(String hostName) throws Exception {
            vhost = TestVhost.withSchema(hostName);
            try {
                connection = vhost.connect();
                replies = new ReplyCollector(connection, vhost.host().outputQueue());
            } catch (Exception | Error e) {
                vhost.close();
                throw e;
            }
        }

        TestVhost vhost() {
            return vhost;
        }

        Connection connection() {
            return connection;
        }

        /** Publishes {@code body} to this daemon; returns the request's UUID. */
        String send(String body) throws Exception {
            String id = "suite-it-" + ++sent;
            try (Channel channel = connection.createChannel()) {
                Requests.publish(channel, vhost.host().exchange(), vhost.host().inputKey(), id, body);
            }
            return id;
        }

        /** This daemon's next reply, asserted to answer request {@code id}. */
        Reply answer(String id) throws Exception {
            Reply reply = replies.take(WAIT);
            assertTrue(reply != null, () -> "no reply to " + id + "\nlog:\n" + log());
            assertEquals(id, reply.header("UUID"), reply::text);
            return reply;
        }

        /** Sends {@code Echo(value)} to this daemon and returns its reply. */
        Reply echo(String value) throws Exception {
            return answer(send("{\"__nt_name\": \"Echo\", \"value\": \"" + value + "\"}"));
        }

        private void close() throws IOException {
            connection.close();
            vhost.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        pidDir = Files.createTempDirectory("edeposit-suite");
        first = new Side("downloader");
        second = new Side("aleph");
        Map<String, String> env = new HashMap<>(first.vhost.env());
        env.putAll(second.vhost.env());
        suite = new DaemonProcess(EchoSuite.class, env, List.of("--config-dir", first.vhost.emptyConfigDir().toString(),
                "--pid-dir", pidDir.toString()));
    }

    /** Starts the suite in the foreground with every daemon and {@code options}; returns once both serve. */
    Process start(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("start", "--foreground", "--daemons", "all"));
        args.addAll(List.of(options));
        process = suite.start(pidDir.resolve("suite.log"), args.toArray(String[]::new));
        Await.until("the suite serves with both daemons", WAIT, () -> log().contains("serves with every daemon"));
        return process;
    }

    /** The echo daemon, on the downloader host. */
    Side first() {
        return first;
    }

    /** The second daemon ({@link EchoSuite#SECOND}), on the aleph host. */
    Side second() {
        return second;
    }

    /** The suite's command line, for {@code status} and the like. */
    DaemonProcess suite() {
        return suite;
    }

    /** Where the suite's PID, state and log files go. */
    Path pidDir() {
        return pidDir;
    }

    /** The suite's log so far. */
    String log() {
        try {
            return Files.readString(pidDir.resolve("suite.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (pidDir != null) {
            try (Stream<Path> files = Files.walk(pidDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
