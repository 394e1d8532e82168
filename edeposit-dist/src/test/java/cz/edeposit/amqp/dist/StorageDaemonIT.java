package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-storaged} end to end: started by its launcher from the unpacked distribution, it
 * saves a publication sent through the real broker (a vhost of its own), serves it from the URL of
 * the reply, and still has both after a restart, which finds the index current and leaves Flyway unloaded.
 */
class StorageDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LaunchedDaemon daemon;
    private static Path work;
    private static int sent;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() throws Exception {
        daemon = LaunchedDaemon.prepare("edeposit-storaged");
        work = daemon.work();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringBuilder json = new StringBuilder("{");
        for (String key : List.of("PUBLIC_DIR", "PRIVATE_DIR", "ARCHIVE_DIR")) {
            Path dir = Files.createDirectories(work.resolve("data").resolve(key.toLowerCase()));
            json.append('"').append(key).append("\": \"").append(dir).append("\", ");
        }
        json.append("\"STORAGE_DB_URL\": \"jdbc:h2:file:").append(work.resolve("data/index")).append("\", ")
                .append("\"WEB_ADDR\": \"127.0.0.1\", \"WEB_PORT\": ").append(port).append('}');
        Files.writeString(daemon.config().resolve("storage.json"), json.toString());
        daemon.in(TestVhost.withSchema("storage")).start();
    }

    @AfterAll
    static void tearDown() throws Exception {
        daemon.close();
    }

    private static JsonNode ask(String body) throws Exception {
        String uuid = "it-" + ++sent;
        Requests.publish(daemon.client(), "export", "request", uuid, body);
        Reply reply = daemon.replies().take(WAIT);
        assertEquals(uuid, reply.header("UUID"), () -> reply.text() + "\nlog:\n" + daemon.log());
        assertEquals("result", reply.header("x-edeposit-reply"), () -> reply.headers() + " " + reply.text());
        return JSON.readTree(reply.body());
    }

    private static String publication(String uuid, String b64) {
        return "{\"__nt_name\": \"Publication\", \"title\": \"Kniha\", \"uuid\": \"" + uuid + "\", \"is_public\": true,"
                + " \"filename\": \"kniha.pdf\"" + (b64 == null ? "" : ", \"b64_data\": \"" + b64 + "\"") + "}";
    }

    @Test
    void savesAPublicationServesItFromTheReturnedUrlAndKeepsBothOverARestart() throws Exception {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        JsonNode saved = ask("{\"__nt_name\": \"SaveRequest\", \"record\": " + publication("pub-1",
                Base64.getMimeEncoder().encodeToString(content).replace("\r\n", "\\n")) + "}");
        assertEquals("Publication", saved.get("__nt_name").asText());
        assertTrue(saved.get("b64_data").isNull());
        String url = saved.get("url").asText();
        assertTrue(url.startsWith("http://127.0.0.1:") && url.endsWith("/UUID/pub-1"), url);
        assertTrue(saved.get("file_pointer").asText().startsWith(work.resolve("data").toString()));
        assertArrayEquals(content, download(url));
        assertTrue(loadedClasses(daemon.pid()).contains("org.flywaydb."), "a new index is migrated by Flyway");

        Dist.Result restarted = daemon.run("restart");
        assertEquals(0, restarted.exitCode(), restarted + "\nlog:\n" + daemon.log());
        Matcher started = Pattern.compile("started with pid (\\d+)").matcher(restarted.err());
        assertTrue(started.find(), restarted.toString());
        daemon.adopt(Long.parseLong(started.group(1)));
        assertArrayEquals(content, download(url));
        assertFalse(loadedClasses(daemon.pid()).contains("org.flywaydb."),
                "a start on a current index loads none of Flyway's classes (SchemaHistory)");
        JsonNode found = ask("{\"__nt_name\": \"SearchRequest\", \"query\": {\"__nt_name\": \"Publication\","
                + " \"uuid\": \"pub-1\"}, \"light_request\": true}");
        assertEquals(1, found.get("records").size(), found.toString());
        assertEquals(url, found.get("records").get(0).get("url").asText());
    }

    @Test
    void twoSavesNearTheBrokersMessageLimitDeliveredTogetherAreBothAnsweredInTheLaunchersHeap() throws Exception {
        // 90 MiB files, their base64 wrapped as the original's clients sent it: messages of 123 MiB, 96 % of
        // RabbitMQ's 128 MiB. Storage's prefetch of 2 holds both bodies while the first is decoded: with the
        // launcher's earlier -Xmx512m the JVM ran out of heap and exited, and the redelivered pair ended the next
        // start the same way (docs/storage.md, "Memory").
        byte[] content = new byte[90 << 20];
        new Random(11).nextBytes(content);
        String b64 = Base64.getMimeEncoder().encodeToString(content).replace("\r\n", "\\n");
        List<String> uuids = List.of("it-large-1", "it-large-2");
        for (String uuid : uuids) {
            Requests.publish(daemon.client(), "export", "request", uuid,
                    "{\"__nt_name\": \"SaveRequest\", \"record\": " + publication(uuid, b64) + "}");
        }
        List<Reply> replies = daemon.replies().take(2, Duration.ofMinutes(5));
        assertEquals(uuids, replies.stream().map(reply -> reply.header("UUID")).sorted().toList(),
                () -> "log:\n" + daemon.log());
        for (Reply reply : replies) {
            assertEquals("result", reply.header("x-edeposit-reply"), () -> reply.headers() + " " + reply.text());
            Path saved = Path.of(JSON.readTree(reply.body()).get("file_pointer").asText());
            assertEquals(content.length, Files.size(saved), saved::toString);
        }
    }

    @Test
    void aMissingDirectoryStopsTheStartWithExit78AndOneLineNamingTheKey() throws Exception {
        Path config = Files.createDirectories(work.resolve("bad-config"));
        Files.writeString(config.resolve("storage.json"), "{\"PUBLIC_DIR\": \"" + work.resolve("missing") + "\"}");
        Dist.Result result = Dist.run(work, daemon.env(), List.of(Dist.bin("edeposit-storaged").toString(), "start",
                "--foreground", "--config-dir", config.toString(), "--pid-dir", work.resolve("bad-run").toString(),
                "--log-file", work.resolve("bad.log").toString()));
        assertEquals(78, result.exitCode(), result.toString());
        assertTrue(result.err().contains("PUBLIC_DIR names " + work.resolve("missing")), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    /** Every class the JVM {@code pid} has loaded, as jcmd's VM.class_hierarchy lists them. */
    private static String loadedClasses(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.class_hierarchy")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        assertTrue(out.contains("java.lang.Object"), out);
        return out;
    }

    private byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> new String(response.body()) + "\nlog:\n" + daemon.log());
        return response.body();
    }
}
