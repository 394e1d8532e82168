package cz.edeposit.amqp.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code EDEPOSIT_LOG_FORMAT=json}: a daemon's whole output is JSON, and a request's lines name it. */
class JsonLogIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestVhost vhost;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");
    }

    @AfterEach
    void tearDown() throws Exception {
        connection.close();
        vhost.close();
    }

    /** Runs a foreground daemon in {@code format} at DEBUG through {@code requests}, stops it, returns its output. */
    private String daemonOutput(String format, String... uuidsAndBodies) throws Exception {
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("EDEPOSIT_LOG_FORMAT", format);
        env.put("EDEPOSIT_LOG_LEVEL", "DEBUG");
        DaemonProcess daemon = new DaemonProcess(EchoDaemon.class, env, List.of(
                "--config-dir", vhost.emptyConfigDir().toString(), "--pid-dir", dir.toString()))
                .withBuiltInLogging(dir);
        Path log = dir.resolve("daemon.log");
        Process process = daemon.start(log, "--foreground", "start");
        try {
            for (int i = 0; i < uuidsAndBodies.length; i += 2) {
                Requests.publish(client, "downloader", "request", uuidsAndBodies[i], uuidsAndBodies[i + 1]);
                assertEquals(uuidsAndBodies[i], replies.take(WAIT).header("UUID"), () -> read(log));
            }
        } finally {
            process.destroy(); // SIGTERM: the daemon drains and stops, logging as it goes
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return read(log);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }

    private static List<JsonNode> parse(String output) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : output.split("\n")) {
            JsonNode node = mapper.readTree(line);
            assertTrue(node.isObject() && node.has("timestamp") && node.has("level") && node.has("loggerName")
                    && node.has("formattedMessage"), line);
            lines.add(node);
        }
        return lines;
    }

    private static JsonNode lineAbout(List<JsonNode> lines, String uuid, String containing) {
        return lines.stream()
                .filter(line -> uuid.equals(line.path("mdc").path("uuid").asText(null)))
                .filter(line -> line.get("formattedMessage").asText().contains(containing))
                .findFirst().orElseThrow(() -> new AssertionError("no line about " + uuid + " with '" + containing
                        + "' in " + lines));
    }

    @Test
    void everyLineIsJsonAndTheLinesAboutARequestCarryItsUuidTypeAndDuration() throws Exception {
        String output = daemonOutput("json",
                "json-1", "{\"__nt_name\": \"Echo\", \"value\": \"x\"}",
                "json-2", "{\"__nt_name\": \"Fail\", \"message\": \"no \\\"luck\\\"\\nat all\"}",
                "json-3", "{\"__nt_name\": \"Sleep\", \"millis\": 1}");
        List<JsonNode> lines = parse(output);

        JsonNode answered = lineAbout(lines, "json-1", "sending response");
        assertEquals("DEBUG", answered.get("level").asText());
        assertEquals("Echo", answered.get("mdc").get("request_type").asText());
        assertTrue(Double.parseDouble(answered.get("mdc").get("duration_ms").asText()) >= 0, answered.toString());

        JsonNode failed = lineAbout(lines, "json-2", "Sending exception UserWarning");
        assertEquals("WARN", failed.get("level").asText());
        assertEquals("Fail", failed.get("mdc").get("request_type").asText());
        assertTrue(failed.get("mdc").has("duration_ms"), failed.toString());

        JsonNode handler = lineAbout(lines, "json-3", "Sleep of 1 ms started");
        assertEquals("Sleep", handler.get("mdc").get("request_type").asText(), "the handler's own lines inherit them");
        assertTrue(lines.stream().anyMatch(line -> line.get("formattedMessage").asText().contains("started")
                && line.path("mdc").isEmpty()), "the daemon's own lines carry no request: " + output);
    }

    @Test
    void anUnknownFormatIsOneWarningAndTheTextFormat() throws Exception {
        String output = daemonOutput("xml", "text-1", "{\"__nt_name\": \"Echo\", \"value\": \"x\"}");
        String first = output.lines().findFirst().orElseThrow();
        assertTrue(first.matches("\\S+ WARN  \\[main\\] LogConfigurator: EDEPOSIT_LOG_FORMAT='xml' is neither text"
                + " nor json: logging as text"), output);
        assertTrue(output.contains("RequestScope: sending response"), output);
    }
}
