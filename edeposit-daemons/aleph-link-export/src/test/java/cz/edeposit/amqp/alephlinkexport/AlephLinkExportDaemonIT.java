package cz.edeposit.amqp.alephlinkexport;

import com.rabbitmq.client.Channel;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.StatusRequest;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.transform.stream.StreamSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon in a JVM of its own against the real broker, its files in a temporary directory. */
class AlephLinkExportDaemonIT {

    @TempDir
    Path home;

    private RunningExport export;

    @BeforeEach
    void start() throws Exception {
        export = new RunningExport(home).start();
    }

    @AfterEach
    void close() throws Exception {
        export.close();
    }

    private static LinkUpdateResponse ok(String sessionId) {
        return new LinkUpdateResponse("OK", sessionId, null);
    }

    private static List<String> kinds(List<Reply> messages) {
        return messages.stream().map(message -> message.header("x-edeposit-reply")).toList();
    }

    private void assertValidRequests() throws Exception {
        SchemaFiles.validate(SchemaFiles.NOTIFICATION, new StreamSource(new ByteArrayInputStream(
                Files.readAllBytes(export.dirs.requests()))));
    }

    @Test
    void requestsAreWrittenValidWithAndWithoutTheOptionalFieldsAndWithNonePending() throws Exception {
        assertValidRequests();
        List<Reply> none = export.call(ExchangeDirs.request("plain"));
        assertEquals(Arrays.asList((Object) null), RunningExport.decoded(none), "no result yet: the reply is null");
        var full = ExchangeDirs.request("full");
        export.call(new AlephLinkExportMessages.LinkUpdateRequest(full.uuid(), full.docNumber(),
                List.of("http://storage.example/full.pdf", new AlephLinkExportMessages.LinkDescription(
                        "http://storage.example/full.epub", "epub")), "http://kramerius.example/uuid:full",
                "urn:nbn:cz:edep-1", "full"));
        assertValidRequests();
        String xml = Files.readString(export.dirs.requests());
        assertTrue(xml.contains("<record session_id=\"plain\">") && xml.contains("<kramerius_url>"
                + "http://kramerius.example/uuid:full</kramerius_url>") && xml.contains("<document_url>"
                + "http://storage.example/full.pdf</document_url>"), xml);
    }

    @Test
    void aDroppedResponsesFileFansOutAsProgressMessagesAndAFinalReplyAndNoResultComesTwice() throws Exception {
        export.call(ExchangeDirs.request("s1"));
        export.call(ExchangeDirs.request("s2"));
        export.dirs.answer("s1", "OK", null, "s2", "ERROR", "bad doc_number", "s3", "OK", null);
        List<Reply> messages = export.call(new StatusRequest());
        assertEquals(List.of("progress", "progress", "result"), kinds(messages));
        assertEquals(List.of(ok("s1"), new LinkUpdateResponse("ERROR", "s2", "bad doc_number"), ok("s3")),
                RunningExport.decoded(messages));
        assertEquals(Arrays.asList((Object) null), RunningExport.decoded(export.call(new StatusRequest())));
        assertFalse(Files.readString(export.dirs.requests()).contains("<record "));
        assertTrue(export.quiet());
    }

    @Test
    void aStopAndASigkillKeepPendingRequestsAndUndeliveredResults() throws Exception {
        export.call(ExchangeDirs.request("s1"));
        export.call(ExchangeDirs.request("s2"));
        assertEquals(0, export.stop(), "SIGTERM: an orderly stop");
        export.start();
        assertTrue(Files.readString(export.dirs.requests()).contains("session_id=\"s2\""));
        export.dirs.answer("s1", "OK", null);
        // Killed while taking the answers in: after the rename aside, before anything else.
        Files.move(export.dirs.responses(), home.resolve("aleph2edep/responses.xml.processing"));
        export.kill();
        export.start();
        String xml = Files.readString(export.dirs.requests());
        assertTrue(xml.contains("session_id=\"s2\"") && !xml.contains("session_id=\"s1\""), xml);
        export.kill();
        export.start();
        assertEquals(List.of(ok("s1")), RunningExport.decoded(export.call(new StatusRequest())));
        assertTrue(export.quiet());
    }

    @Test
    void aRequestRedeliveredBecauseItsReplyWasNotConfirmedGetsItsResultsAgainAndNoOtherRequestDoes() throws Exception {
        export.call(ExchangeDirs.request("s1"));
        export.dirs.answer("s1", "OK", null);
        Channel channel = export.client;
        // Replies cannot be confirmed: a full queue that rejects new messages nacks them.
        channel.queueDelete("plone");
        channel.queueDeclare("plone", true, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
        channel.queueBind("plone", "update-links", "result");
        String uuid = "redelivered-1";
        Requests.publish(channel, "update-links", "request", uuid, RunningExport.CODEC.encodeToString(new StatusRequest()));
        Await.until("the results are handed to " + uuid, RunningExport.WAIT,
                () -> Files.readString(export.dirs.database()).contains("\"" + uuid + "\""));
        // Its replies refused, it is redelivered and handled again: at least two refusals in the log.
        Await.until("a refused reply to " + uuid + ", a redelivery and a second refusal", RunningExport.WAIT,
                () -> export.logs().lines().filter(line -> line.contains("basic.nack")).count() >= 2);
        channel.queueDelete("plone");
        channel.queueDeclare("plone", true, false, false, null);
        channel.queueBind("plone", "update-links", "result");
        export.listen();
        assertEquals(List.of(ok("s1")), RunningExport.decoded(export.answer(uuid)));
        assertEquals(Arrays.asList((Object) null), RunningExport.decoded(export.call(new StatusRequest())));
        assertTrue(export.logs().contains("nack"), "the replies were refused before: " + export.logs());
    }

    @Test
    void aReaderPollingRequestsXmlDuringABurstNeverSeesAPartialFile() throws Exception {
        AtomicBoolean burst = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> broken = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (burst.get()) {
                try {
                    SchemaFiles.validate(SchemaFiles.NOTIFICATION, new StreamSource(new ByteArrayInputStream(
                            Files.readAllBytes(export.dirs.requests()))));
                    reads.incrementAndGet();
                } catch (Exception e) {
                    broken.add(e.toString());
                }
            }
        });
        reader.start();
        int count = 150;
        for (int i = 0; i < count; i++) {
            Requests.publish(export.client, "update-links", "request", "burst-" + i,
                    RunningExport.CODEC.encodeToString(ExchangeDirs.request("burst-" + i)));
        }
        export.listen();
        Await.until("all requests in requests.xml", RunningExport.WAIT, () -> Files.readString(export.dirs.requests())
                .contains("session_id=\"burst-" + (count - 1) + "\""));
        burst.set(false);
        reader.join();
        assertEquals(List.of(), broken);
        assertTrue(reads.get() > 10, "the reader read " + reads.get() + " times");
        assertEquals(count, Files.readString(export.dirs.requests()).split("<record ").length - 1);
    }

    @Test
    void aBadResponsesFileIsSetAsideAndTheRequestIsAnsweredAsUsual() throws Exception {
        export.call(ExchangeDirs.request("s1"));
        Files.writeString(export.dirs.responses(), "<results><result session_id=\"s1\"><status>OK</status></result></results>");
        assertEquals(Arrays.asList((Object) null), RunningExport.decoded(export.call(new StatusRequest())),
                "outside the result namespace: not valid");
        try (var files = Files.list(home.resolve("aleph2edep"))) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("responses\\.xml\\.invalid-\\d{14}"), names.toString());
        }
        assertTrue(Files.readString(export.dirs.requests()).contains("session_id=\"s1\""), "s1 is still pending");
        assertTrue(export.logs().contains("ERROR"), export.logs());
    }

    @Test
    void aBadRequestIsAValueErrorAndLeavesTheFilesByteIdentical() throws Exception {
        export.call(ExchangeDirs.request("s1"));
        export.dirs.answer("s1", "OK", null);
        List<byte[]> before = List.of(Files.readAllBytes(export.dirs.requests()), Files.readAllBytes(export.dirs.database()),
                Files.readAllBytes(export.dirs.responses()));
        var good = ExchangeDirs.request("s2");
        List<Reply> reply = export.call(new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), good.docNumber(),
                "ftp://storage.example/a.pdf", null, null, "s2"));
        assertEquals("ValueError", reply.get(0).header("exception_name"));
        assertEquals("document_urls[0] must be an absolute http or https URL, not 'ftp://storage.example/a.pdf'",
                reply.get(0).header("exception"));
        List<byte[]> after = List.of(Files.readAllBytes(export.dirs.requests()), Files.readAllBytes(export.dirs.database()),
                Files.readAllBytes(export.dirs.responses()));
        for (int i = 0; i < before.size(); i++) {
            assertTrue(Arrays.equals(before.get(i), after.get(i)), "file " + i);
        }
    }
}
