package cz.edeposit.amqp.antivirus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-antivirusd} end to end: its own JVM started like the launcher would, the real
 * broker (a vhost of the test's own with the antivirus schema), a real clamd of the test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AntivirusDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private TestClamd clamd;
    private TestVhost vhost;
    private Path configDir;
    private Path signatures;
    private Process daemon;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;

    @BeforeAll
    void start() throws Exception {
        clamd = TestClamd.start(Files.createDirectory(dir.resolve("clamd")));
        vhost = TestVhost.withSchema("antivirus");
        signatures = Files.createDirectory(dir.resolve("signatures"));
        configDir = Files.createDirectory(dir.resolve("config"));
        Files.writeString(configDir.resolve("antivirus.json"), JSON.createObjectNode()
                .put("CONF_PATH", clamd.conf().toString()).put("LOCALSOCKET", clamd.socket().toString())
                .put("FRESHCLAM_PATH", "").put("SIGNATURE_DIR", signatures.toString()).toString());
        Path pidDir = Files.createDirectory(dir.resolve("run"));
        DaemonProcess process = new DaemonProcess(AntivirusDaemon.class, vhost.env(), List.of(
                "--config-dir", configDir.toString(), "--pid-dir", pidDir.toString()));
        daemon = process.start(dir.resolve("daemon.log"), "start", "--foreground");
        Await.until("the daemon writes its PID file", WAIT, () -> {
            assertTrue(daemon.isAlive(), () -> "the daemon ended before it started:\n" + log());
            return Files.exists(pidDir.resolve("edeposit-antivirus.pid"));
        });
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (daemon != null) {
                daemon.destroy();
                assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the daemon");
                assertEquals(0, daemon.exitValue(), this::log);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
            if (vhost != null) {
                vhost.close();
            }
            if (clamd != null) {
                clamd.close();
            }
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    private Reply ask(String uuid, String body) throws Exception {
        Requests.publish(client, "antivirus", "request", uuid, body);
        Reply reply = replies.take(WAIT);
        assertEquals(uuid, reply.header("UUID"));
        assertEquals("result", reply.envelope().getRoutingKey());
        return reply;
    }

    private Reply scan(String uuid, String filename, byte[] content) throws Exception {
        return ask(uuid, JSON.createObjectNode().put("__nt_name", "ScanFile").put("filename", filename)
                .put("b64_data", Base64.getEncoder().encodeToString(content)).toString());
    }

    private static JsonNode json(Reply reply) throws Exception {
        assertFalse(reply.headers().containsKey("exception"), () -> "an exception reply: " + reply.header("exception"));
        assertEquals("application/json", reply.properties().getContentType());
        return JSON.readTree(reply.body());
    }

    @Test
    void answersScanFileWithScanResultsInTheOriginalsShape() throws Exception {
        assertEquals(JSON.readTree("{\"__nt_name\": \"ScanResult\", \"filename\": \"clean.txt\", \"result\": {}}"),
                json(scan("u-clean", "clean.txt", "a harmless file".getBytes(StandardCharsets.UTF_8))));
        assertEquals(JSON.readTree("{\"__nt_name\": \"ScanResult\", \"filename\": \"eicar.com\","
                        + " \"result\": {\"eicar.com\": [\"FOUND\", \"Edeposit.Test.Eicar.UNOFFICIAL\"]}}"),
                json(scan("u-eicar", "eicar.com", TestClamd.eicar())));
    }

    @Test
    void answersBadBase64WithAValueErrorReply() throws Exception {
        Reply reply = ask("u-bad", "{\"__nt_name\": \"ScanFile\", \"filename\": \"x.pdf\", \"b64_data\": \"JVBERi0x#\"}");
        assertEquals("ValueError", reply.header("exception_name"));
        assertTrue(reply.header("exception").startsWith("b64_data is not valid base64"), reply.header("exception"));
        assertEquals("application/text", reply.properties().getContentType());
    }

    @Test
    void answersWithAnExceptionWhileClamdIsDownAndKeepsServing() throws Exception {
        clamd.stop();
        try {
            Reply down = scan("u-down", "a.txt", "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals("ValueError", down.header("exception_name"));
            assertTrue(down.header("exception").contains("unix socket " + clamd.socket()), down.header("exception"));
            assertTrue(daemon.isAlive());
        } finally {
            clamd.start();
        }
        assertEquals("{}", json(scan("u-back", "a.txt", "hello".getBytes(StandardCharsets.UTF_8))).get("result").toString());
    }

    @Test
    void answersUpdateDatabaseAndScansWithTheNewSignature() throws Exception {
        String marker = "EDEPOSIT-BROKER-MARKER-5be1";
        Files.writeString(signatures.resolve("edeposit-broker.ndb"), TestClamd.bodySignature("Edeposit.Test.BrokerMarker", marker));
        JsonNode updated = json(ask("u-update", "{\"__nt_name\": \"UpdateDatabase\"}"));
        assertEquals("DatabaseUpdated", updated.get("__nt_name").asText());
        assertTrue(updated.get("log").asText().contains("clamd activated the new database"), updated.toString());
        assertEquals("[\"FOUND\",\"Edeposit.Test.BrokerMarker.UNOFFICIAL\"]",
                json(scan("u-new", "m.txt", marker.getBytes(StandardCharsets.US_ASCII))).get("result").get("m.txt").toString());
    }

    @Test
    void refusesToStartWithUseClamdFalseInOneLineWithStatus78(@TempDir Path badConfig) throws Exception {
        Files.writeString(badConfig.resolve("antivirus.json"), "{\"USE_CLAMD\": false}");
        DaemonProcess.Result result = new DaemonProcess(AntivirusDaemon.class, vhost.env(), List.of(
                "--config-dir", badConfig.toString(), "--pid-dir", badConfig.toString())).run("start", "--foreground");
        assertEquals(78, result.exitCode(), result.toString());
        assertTrue(result.err().contains("USE_CLAMD is false"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void refusesToStartOnAClamdThatCallsUnscannedContentCleanInOneLineWithStatus78(@TempDir Path badConfig) throws Exception {
        Path conf = Files.writeString(badConfig.resolve("clamd.conf"), "LocalSocket /x.sock\nMaxFileSize 25M\nMaxScanSize 100M\n");
        Files.writeString(badConfig.resolve("antivirus.json"), "{\"CONF_PATH\": \"" + conf + "\"}");
        DaemonProcess.Result result = new DaemonProcess(AntivirusDaemon.class, vhost.env(), List.of(
                "--config-dir", badConfig.toString(), "--pid-dir", badConfig.toString())).run("start", "--foreground");
        assertEquals(78, result.exitCode(), result.toString());
        assertTrue(result.err().contains(conf + ": AlertExceedsMax is not yes") && result.err().contains("add 'AlertExceedsMax yes'"),
                result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }
}
