package cz.edeposit.amqp.alephlinkexport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code edeposit-aleph-link-exportd} in a JVM of its own, in the foreground as systemd runs it, on
 * the real broker in a vhost of the test's own, with its files in the test's directory; and a
 * client that talks to it as the portal does.
 */
final class RunningExport implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final NtCodec CODEC = new NtCodec(AlephLinkExportMessages.REQUESTS.plus(AlephLinkExportMessages.REPLIES));

    final ExchangeDirs dirs;
    final TestVhost vhost;
    private final DaemonProcess command;
    private final Connection connection;
    final Channel client;
    private ReplyCollector replies;
    private Process daemon;
    private int starts;

    RunningExport(Path home) throws Exception {
        dirs = ExchangeDirs.in(home);
        Files.writeString(home.resolve("aleph_export.json"), dirs.settingsJson());
        vhost = TestVhost.withSchema("aleph_link_export");
        command = new DaemonProcess(AlephLinkExportDaemon.class, vhost.env(), List.of("--config-dir", home.toString(),
                "--pid-dir", home.toString(), "--max-attempts", "1000"));
        connection = vhost.connect();
        client = connection.createChannel();
    }

    /** Starts the daemon and waits until it consumes. */
    RunningExport start() throws Exception {
        Path log = log(++starts);
        daemon = command.start(log, "start", "--foreground");
        Await.until("the daemon serves (" + log + ")", WAIT, () -> {
            if (!daemon.isAlive()) {
                throw new AssertionError("the daemon ended with " + daemon.exitValue() + ":\n" + Files.readString(log));
            }
            return Files.readString(log).contains(" started (pid");
        });
        return this;
    }

    /** SIGTERM, and waits for the exit. */
    int stop() throws Exception {
        daemon.destroy();
        return daemon.waitFor();
    }

    /** SIGKILL: no shutdown of any kind. */
    void kill() throws Exception {
        daemon.destroyForcibly().waitFor();
    }

    Path log(int start) {
        return dirs.home().resolve("daemon-" + start + ".log");
    }

    String logs() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            all.append(Files.readString(log(i)));
        }
        return all.toString();
    }

    /** Starts reading the {@code plone} queue (again, after a test re-declared it). */
    void listen() throws Exception {
        if (replies != null) {
            replies.close();
        }
        replies = new ReplyCollector(connection, "plone");
    }

    /** Publishes {@code request} with {@code uuid} and returns its messages: progress ones, then the reply. */
    List<Reply> call(Object request, String uuid) throws Exception {
        if (replies == null) {
            listen();
        }
        Requests.publish(client, "update-links", "request", uuid, CODEC.encodeToString(request));
        return answer(uuid);
    }

    List<Reply> call(Object request) throws Exception {
        return call(request, UUID.randomUUID().toString());
    }

    /** The messages answering {@code uuid}, up to and including the one that is not progress. */
    List<Reply> answer(String uuid) throws Exception {
        List<Reply> messages = new ArrayList<>();
        Reply reply;
        do {
            reply = replies.take(WAIT);
            assertEquals(uuid, reply.header("UUID"), reply.text());
            assertEquals("result", reply.envelope().getRoutingKey());
            messages.add(reply);
        } while ("progress".equals(reply.header("x-edeposit-reply")));
        return messages;
    }

    /** The decoded bodies of {@code messages} ({@code null} for the JSON null). */
    static List<Object> decoded(List<Reply> messages) {
        List<Object> bodies = new ArrayList<>();
        for (Reply message : messages) {
            bodies.add(CODEC.decode(message.body()));
        }
        return bodies;
    }

    boolean quiet() throws Exception {
        return replies == null || replies.silentFor(Duration.ofMillis(500));
    }

    @Override
    public void close() throws Exception {
        try {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroyForcibly().waitFor();
            }
            if (replies != null) {
                replies.close();
            }
            connection.close();
        } finally {
            vhost.close();
        }
    }
}
