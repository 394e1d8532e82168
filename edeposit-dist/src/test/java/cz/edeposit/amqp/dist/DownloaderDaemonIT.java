package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.downloader.LoopbackHttpServer;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-downloaderd} end to end: started by its launcher from the unpacked distribution
 * (through a symlink, in an unrelated working directory), fetching from a loopback HTTP server, and
 * answering through the real broker in a vhost of its own.
 */
class DownloaderDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LaunchedDaemon daemon;
    private static LoopbackHttpServer http;
    private static long pid;
    private static int sent;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LaunchedDaemon.prepareThroughSymlink("edeposit-downloaderd");
        // The loopback server is a destination the default deny list refuses: allowed here on purpose.
        Files.writeString(daemon.config().resolve("downloader.json"), "{\"DOWNLOADER_READ_TIMEOUT\": 2, \"DOWNLOADER_MAX_SIZE\": 200000,"
                + " \"DOWNLOADER_ALLOW_NETWORKS\": [\"127.0.0.0/8\", \"::1/128\"]}");
        http = new LoopbackHttpServer();
        Dist.Result started = daemon.in(TestVhost.withSchema("downloader"))
                .start(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Dedeposit.it=java-opts"));
        pid = daemon.pid();
        // -XX:+PrintCommandLineFlags writes to the JVM's standard output, which the launcher copies to its own.
        assertTrue(started.out().contains("-XX:+UseSerialGC"), "the JVM's early output reaches the terminal: " + started);
        List<String> daemonJvm = daemon.daemonJvm();
        assertTrue(daemonJvm.containsAll(List.of("-XX:+UseSerialGC", "-Xmx512m", "-Dedeposit.it=java-opts")), daemonJvm.toString());
        assertTrue(daemonJvm.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=16m")),
                "the daemon runs with the quick compiler (jvm-options.list): " + daemonJvm);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        try {
            daemon.close();
        } finally {
            http.close();
        }
    }

    private static Dist.Result daemon(String action) throws Exception {
        return daemon.run(action);
    }

    /** Sends {@code body} and returns the {@code count} messages that answer it. */
    private static List<Reply> ask(String body, int count) throws Exception {
        String uuid = "it-" + ++sent;
        Requests.publish(daemon.client(), "downloader", "request", uuid, body);
        List<Reply> answer = daemon.replies().take(count, WAIT);
        for (Reply reply : answer) {
            assertEquals(uuid, reply.header("UUID"), () -> reply.text() + "\nlog:\n" + daemon.log());
        }
        return answer;
    }

    private static JsonNode json(Reply reply) throws Exception {
        assertTrue(Set.of("result", "progress").contains(reply.header("x-edeposit-reply")),
                () -> reply.headers() + " " + reply.text());
        return JSON.readTree(reply.body());
    }

    private static String request(String name, String url, String extra) {
        return "{\"__nt_name\": \"" + name + "\", \"url\": \"" + url + "\"" + extra + "}";
    }

    @Test
    void downloadsAFile() throws Exception {
        String url = http.url("/fixed/150000");
        JsonNode file = json(ask(request("Download", url, ""), 1).get(0));
        assertEquals("DownloadedFile", file.get("__nt_name").asText());
        assertEquals(url, file.get("url").asText());
        assertArrayEquals(LoopbackHttpServer.bytes(150000), Base64.getDecoder().decode(file.get("b64_data").asText()));
    }

    @Test
    void sendsProgressWithTheUrlThenTheFile() throws Exception {
        String url = http.url("/fixed/40000");
        Requests.publish(daemon.client(), "downloader", "request", "progress", request("ProgressDownload", url, ", \"steps\": 4"));
        List<Reply> all = new ArrayList<>();
        do {
            all.add(daemon.replies().take(WAIT));
        } while (!"result".equals(all.get(all.size() - 1).header("x-edeposit-reply")));
        List<Reply> progress = all.subList(0, all.size() - 1);
        assertFalse(progress.isEmpty());
        for (Reply reply : progress) {
            JsonNode p = json(reply);
            assertEquals("progress", reply.header("x-edeposit-reply"));
            assertEquals("Progress", p.get("__nt_name").asText());
            assertEquals(url, p.get("url").asText());
            assertEquals(40000, p.get("content_length").asLong());
        }
        JsonNode last = json(progress.get(progress.size() - 1));
        assertEquals(4, last.get("step").asInt());
        assertEquals(40000, last.get("downloaded").asLong());
        assertEquals(40000, Base64.getDecoder().decode(json(all.get(all.size() - 1)).get("b64_data").asText()).length);
    }

    @Test
    void checksExistenceWithoutFollowingARedirect() throws Exception {
        JsonNode exists = json(ask(request("CheckExistence", http.url("/moved"), ""), 1).get(0));
        assertEquals("Exists", exists.get("__nt_name").asText());
        assertTrue(exists.get("result").asBoolean());
        assertEquals(http.url("/fixed/1000"), exists.get("headers").get("Location").asText());
        JsonNode missing = json(ask(request("CheckExistence", http.url("/missing"), ""), 1).get(0));
        assertFalse(missing.get("result").asBoolean());
        assertEquals(0, missing.get("headers").size());
    }

    private static Reply failure(String body) throws Exception {
        Reply reply = ask(body, 1).get(0);
        assertEquals("exception", reply.header("x-edeposit-reply"), reply::text);
        return reply;
    }

    @Test
    void answersFailuresWithTheirPythonNamesAndWhatHappened() throws Exception {
        String missing = http.url("/missing");
        Reply notFound = failure(request("Download", missing, ""));
        assertEquals("HTTPError", notFound.header("exception_name"));
        assertEquals("404 Client Error for url: " + missing, notFound.header("exception"));

        Reply large = failure(request("Download", http.url("/huge-chunked/300000"), ""));
        assertEquals("ContentTooLarge", large.header("exception_name"));
        assertTrue(large.header("exception").contains("over the limit of 200000 bytes"), large.header("exception"));

        Reply slow = failure(request("Download", http.url("/slow-headers/6000"), ""));
        assertEquals("ConnectionError", slow.header("exception_name"));
        assertTrue(slow.header("exception").startsWith("read timed out after 2 s"), slow.header("exception"));

        Reply file = failure(request("Download", "file:///etc/passwd", ""));
        assertEquals("InvalidSchema", file.header("exception_name"));
        assertFalse(file.text().contains("root:"), "nothing of the file leaks");

        Reply steps = failure(request("ProgressDownload", http.url("/fixed/10"), ", \"steps\": 0"));
        assertEquals("ValueError", steps.header("exception_name"));
        assertEquals("steps must be at least 1, not 0", steps.header("exception"));
    }

    @Test
    void refusesADestinationOutsideTheAllowedNetworksBeforeConnecting() throws Exception {
        Map<String, String> destinations = Map.of("http://0.0.0.0:" + http.port() + "/fixed/10", "0.0.0.0",
                "http://169.254.169.254/latest/meta-data/", "169.254.169.254");
        for (Map.Entry<String, String> destination : destinations.entrySet()) {
            int before = http.requests().size();
            Reply refused = failure(request("Download", destination.getKey(), ""));
            assertEquals("InvalidURL", refused.header("exception_name"));
            assertEquals("destination " + destination.getValue() + " is not allowed (DOWNLOADER_ALLOW_NETWORKS)",
                    refused.header("exception"));
            assertEquals(before, http.requests().size());
        }
    }

    @Test
    void reportsItselfRunningToStatus() throws Exception {
        Dist.Result status = daemon("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals("", status.err(), status.toString());
        String[] lines = status.out().split("\n");
        assertEquals("edeposit-downloaderd is running (pid " + pid + ")", lines[0], status.toString());
        assertTrue(status.out().contains("\n  uptime: ") && status.out().contains("\n  requests: "), status.toString());
    }
}
