package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    private static LaunchedDaemon daemon;
    private static Path work;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LaunchedDaemon.prepare("edeposit-aleph-link-exportd");
        work = daemon.work();
        Files.createDirectories(work.resolve("edep2aleph"));
        Files.createDirectories(work.resolve("aleph2edep"));
        Files.writeString(daemon.config().resolve("aleph_export.json"), "{\"REQUEST_FN\": \"" + work.resolve("edep2aleph/requests.xml")
                + "\", \"RESPONSE_FN\": \"" + work.resolve("aleph2edep/responses.xml") + "\", \"DATABASE_FN\": \""
                + work.resolve("request_database.json") + "\", \"LOG_FN\": \"" + work.resolve("link_export.log") + "\"}");
        TestVhost vhost = TestVhost.empty("aleph_link_export");
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        Dist.Result created = Dist.run(work, env, List.of(Dist.bin("edeposit-amqp-tool").toString(), "--host",
                "aleph_link_export", "--create", "--management-url", vhost.broker().managementUri().toString()));
        assertEquals(0, created.exitCode(), created.toString());
        daemon.in(vhost).start();
        assertTrue(daemon.daemonJvm().contains("-Xmx256m"), daemon.daemonJvm().toString());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    /** Sends {@code body} as the portal does; returns the messages answering it, the last one the reply. */
    private static List<Reply> ask(String uuid, String body) throws Exception {
        Requests.publish(daemon.client(), "update-links", "request", uuid, body);
        List<Reply> answer = new java.util.ArrayList<>();
        Reply reply;
        do {
            reply = daemon.replies().take(WAIT);
            assertEquals(uuid, reply.header("UUID"), () -> "\nlog:\n" + daemon.log());
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
