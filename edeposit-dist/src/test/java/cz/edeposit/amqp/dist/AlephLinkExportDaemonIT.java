package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-aleph-link-exportd} end to end: its schema created by {@code edeposit-amqp-tool
 * --host aleph_link_export --create} in a vhost of the test's own, the daemon started by its
 * launcher from the unpacked distribution, and a pretend Aleph answering through the files.
 */
class AlephLinkExportDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static TestVhost vhost;
    private static Connection connection;
    private static Channel client;
    private static ReplyCollector replies;
    private static long pid;

    @BeforeAll
    static void startDaemon() throws Exception {
        work = Files.createTempDirectory("aleph-link-exportd-it");
        Path config = Files.createDirectories(work.resolve("config"));
        Files.createDirectories(work.resolve("edep2aleph"));
        Files.createDirectories(work.resolve("aleph2edep"));
        Files.writeString(config.resolve("aleph_export.json"), "{\"REQUEST_FN\": \"" + work.resolve("edep2aleph/requests.xml")
                + "\", \"RESPONSE_FN\": \"" + work.resolve("aleph2edep/responses.xml") + "\", \"DATABASE_FN\": \""
                + work.resolve("request_database.json") + "\", \"LOG_FN\": \"" + work.resolve("link_export.log") + "\"}");
        vhost = TestVhost.empty("aleph_link_export");
        Dist.Result created = Dist.run(work, env(), List.of(Dist.bin("edeposit-amqp-tool").toString(), "--host",
                "aleph_link_export", "--create", "--management-url", vhost.broker().managementUri().toString()));
        assertEquals(0, created.exitCode(), created.toString());
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");

        Dist.Result started = daemon("start");
        Matcher matcher = Pattern.compile("started with pid (\\d+)").matcher(started.err());
        assertTrue(started.exitCode() == 0 && matcher.find(), started + "\nlog:\n" + log());
        pid = Long.parseLong(matcher.group(1));
        List<String> daemonJvm = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        assertTrue(daemonJvm.contains("-Xmx256m"), daemonJvm.toString());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        try {
            Dist.Result stopped = daemon("stop");
            assertEquals(0, stopped.exitCode(), stopped.toString());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stop waits for the exit");
        } finally {
            connection.close();
            vhost.close();
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        return env;
    }

    private static Dist.Result daemon(String action) throws Exception {
        return Dist.run(work, env(), List.of(Dist.bin("edeposit-aleph-link-exportd").toString(), action,
                "--config-dir", "config", "--pid-dir", work.resolve("run").toString(),
                "--log-file", work.resolve("daemon.log").toString()));
    }

    private static String log() {
        try {
            return Files.readString(work.resolve("daemon.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** Sends {@code body} as the portal does; returns the messages answering it, the last one the reply. */
    private static List<Reply> ask(String uuid, String body) throws Exception {
        Requests.publish(client, "update-links", "request", uuid, body);
        List<Reply> answer = new java.util.ArrayList<>();
        Reply reply;
        do {
            reply = replies.take(WAIT);
            assertEquals(uuid, reply.header("UUID"), () -> "\nlog:\n" + log());
            answer.add(reply);
        } while ("progress".equals(reply.header("x-edeposit-reply")));
        return answer;
    }

    @Test
    void tellsAlephTheNewLinksAndReturnsItsAnswersPairedBySessionId() throws Exception {
        for (String session : List.of("s1", "s2")) {
            List<Reply> none = ask("it-" + session, "{\"__nt_name\": \"LinkUpdateRequest\", \"uuid\": \"uuid-" + session
                    + "\", \"doc_number\": \"000054231\", \"document_urls\": [{\"__nt_name\": \"LinkDescription\","
                    + " \"url\": \"http://storage.example/" + session + "\", \"format\": \"pdf\"}], \"kramerius_url\": null,"
                    + " \"urn_nbn\": \"urn:nbn:cz:edep-1\", \"session_id\": \"" + session + "\"}");
            assertEquals(List.of("null"), none.stream().map(Reply::text).toList(), "no answer from Aleph yet");
        }
        String requests = Files.readString(work.resolve("edep2aleph/requests.xml"));
        assertTrue(requests.contains("<record session_id=\"s2\">") && requests.contains(
                "<document_url format=\"pdf\">http://storage.example/s1</document_url>"), requests);

        Files.writeString(work.resolve("aleph2edep/responses.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<results xmlns=\"http://edeposit-aplikace.nkp.cz/link_export_result\"><result session_id=\"s2\">"
                + "<status>ERROR</status><reason>no such record</reason></result><result session_id=\"s1\">"
                + "<status>OK</status></result></results>");
        List<Reply> answers = ask("it-status", "{\"__nt_name\": \"StatusRequest\"}");
        assertEquals(List.of("progress", "result"), answers.stream().map(reply -> reply.header("x-edeposit-reply")).toList());
        JsonNode first = JSON.readTree(answers.get(0).body());
        JsonNode last = JSON.readTree(answers.get(1).body());
        assertEquals("LinkUpdateResponse", first.get("__nt_name").asText());
        assertEquals(List.of("s2", "ERROR", "no such record", "s1", "OK", "null"), List.of(first.get("session_id").asText(),
                first.get("status").asText(), first.get("reason").asText(), last.get("session_id").asText(),
                last.get("status").asText(), last.get("reason").toString()));
        assertFalse(Files.exists(work.resolve("aleph2edep/responses.xml")));
        assertFalse(Files.readString(work.resolve("edep2aleph/requests.xml")).contains("<record "));
        assertEquals(List.of("null"), ask("it-again", "{\"__nt_name\": \"StatusRequest\"}").stream().map(Reply::text).toList());
        String exportLog = Files.readString(work.resolve("link_export.log"));
        assertTrue(exportLog.contains("Received response session_id(s2): ERROR (no such record)"), exportLog);
    }
}
