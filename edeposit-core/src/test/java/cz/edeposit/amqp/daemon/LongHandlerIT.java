package cz.edeposit.amqp.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler that works for minutes keeps its connection: the client's heartbeat thread runs while
 * the worker thread is busy. The slowest test of the suite, so it runs alongside the other classes
 * (it only waits) rather than after them.
 */
@Execution(ExecutionMode.CONCURRENT)
class LongHandlerIT {

    /** How long the handler works: twelve heartbeat intervals, six times the broker's 2-interval limit. */
    static final Duration LONG_HANDLER = Duration.ofMinutes(2);
    static final int HEARTBEAT_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTwoMinuteHandlerKeepsItsConnectionWithTenSecondHeartbeats(@TempDir Path dir) throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("downloader"); Connection connection = vhost.connect()) {
            Channel client = connection.createChannel();
            ReplyCollector replies = new ReplyCollector(connection, "plone");
            Path log = dir.resolve("daemon.log");
            Files.createDirectories(dir.resolve("config"));
            Process daemon = new DaemonProcess(EchoDaemon.class, vhost.env(), List.of("start", "--foreground",
                    "--config-dir", dir.resolve("config").toString(), "--pid-dir", dir.toString(),
                    "--heartbeat", Integer.toString(HEARTBEAT_SECONDS))).start(log);
            try {
                Requests.publish(client, "downloader", "request", "long-job",
                        "{\"__nt_name\": \"Sleep\", \"millis\": " + LONG_HANDLER.toMillis() + "}");
                JsonNode during = awaitDaemonConnection(vhost);
                assertEquals(HEARTBEAT_SECONDS, during.get("timeout").asInt(), "negotiated heartbeat: " + during);

                Reply reply = replies.take(LONG_HANDLER.plus(Duration.ofSeconds(60)));
                assertEquals("long-job", reply.header("UUID"));
                assertEquals("result", reply.header("x-edeposit-reply"));
                JsonNode after = awaitDaemonConnection(vhost);
                assertEquals(during.get("connected_at").asLong(), after.get("connected_at").asLong(),
                        "the same connection served the whole job");
                assertFalse(Files.readString(log).contains("Not serving"), Files.readString(log));
            } finally {
                daemon.destroy();
                assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
            }
            assertEquals(0, daemon.exitValue(), Files.readString(log));
        }
    }

    /** The daemon's connection as the management API shows it, once it is there. */
    private static JsonNode awaitDaemonConnection(TestVhost vhost) throws Exception {
        String path = "/api/vhosts/" + URLEncoder.encode(vhost.name(), StandardCharsets.UTF_8) + "/connections";
        // The management API refreshes its connection list every few seconds: ask once a second.
        return Await.value("the daemon's connection in " + path, Duration.ofSeconds(60), Duration.ofSeconds(1),
                () -> daemonConnection(JSON.readTree(vhost.management().get(path))), connection -> connection != null);
    }

    private static JsonNode daemonConnection(JsonNode connections) {
        for (JsonNode connection : connections) {
            if (connection.path("client_properties").path("connection_name").asText().startsWith("edeposit-echo-testd@")) {
                return connection;
            }
        }
        return null;
    }
}
