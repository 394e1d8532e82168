package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.StatusRequest;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.rpc.RpcContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exchange's files in a temporary directory, with the handler a worker would call. */
class LinkExchangeTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path home;

    private ExchangeDirs dirs;
    private AlephLinkExportHandler handler;

    @BeforeEach
    void open() throws Exception {
        dirs = ExchangeDirs.in(home);
        handler = new AlephLinkExportHandler(dirs.settings(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        handler.close();
    }

    private void reopen(Instant now) throws Exception {
        handler.close();
        handler = new AlephLinkExportHandler(dirs.settings(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The handler's reply and progress messages, in the order a client receives them. */
    private List<Object> call(Object request, String uuid) throws Exception {
        List<Object> messages = new java.util.ArrayList<>();
        Object result = handler.handle(request, new RpcContext() {
            @Override
            public String uuid() {
                return uuid;
            }

            @Override
            public String routingKey() {
                return "request";
            }

            @Override
            public boolean redelivered() {
                return false;
            }

            @Override
            public void progress(Object message) {
                messages.add(message);
            }
        });
        if (result != null) {
            messages.add(result);
        }
        return messages;
    }

    @Test
    void startsWithAValidEmptyRequestsFileAndAStoreOfItsOwn() throws Exception {
        assertTrue(Files.readString(dirs.requests()).contains("</records>"));
        assertTrue(Files.readString(dirs.database()).startsWith("{\"request_database\":{\"format\":\"" + StoreFile.FORMAT));
        assertEquals(List.of(), call(new StatusRequest(), "u0"), "nothing collected: the reply is null");
    }

    @Test
    void aDroppedResponsesFileFansOutAsProgressPlusAReplyAndNoResultComesTwice() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        call(ExchangeDirs.request("s2"), "u2");
        assertTrue(Files.readString(dirs.requests()).contains("session_id=\"s2\""));
        dirs.answer("s1", "OK", null, "s2", "ERROR", "no such record", "s9", "OK", null);
        assertEquals(List.of(new LinkUpdateResponse("OK", "s1", null), new LinkUpdateResponse("ERROR", "s2", "no such record"),
                new LinkUpdateResponse("OK", "s9", null)), call(new StatusRequest(), "u3"), "unknown s9 is delivered too");
        assertFalse(Files.exists(dirs.responses()));
        assertFalse(Files.exists(home.resolve("aleph2edep/responses.xml.processing")));
        assertFalse(Files.readString(dirs.requests()).contains("<record "), "both answered requests are gone");
        assertEquals(List.of(), call(new StatusRequest(), "u4"));
        reopen(T0);
        assertEquals(List.of(), call(new StatusRequest(), "u5"), "not after a restart either");
        String log = Files.readString(dirs.log());
        assertTrue(log.contains("Received request session_id(s1)") && log.contains("Received response session_id(s2): ERROR")
                && log.contains("Sent back responses for session_id(s1, s2, s9) to UUID u3"), log);
    }

    @Test
    void aRedeliveredRequestGetsItsResultsAgainAndNoOtherRequestDoes() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        dirs.answer("s1", "OK", null);
        List<Object> first = call(ExchangeDirs.request("s2"), "u2");
        assertEquals(List.of(new LinkUpdateResponse("OK", "s1", null)), first);
        reopen(T0.plus(Duration.ofDays(6))); // the daemon died before the broker confirmed the reply
        assertEquals(first, call(ExchangeDirs.request("s2"), "u2"), "the redelivery");
        assertEquals(List.of(), call(new StatusRequest(), "u3"));
        reopen(T0.plus(Duration.ofDays(7)).plusSeconds(1));
        call(new StatusRequest(), "u4");
        assertFalse(Files.readString(dirs.database()).contains("\"u2\""), "handouts are kept 7 days");
    }

    @Test
    void anAsideFileLeftByACrashIsTakenInAtStartButOneAlreadyAppliedIsNotTakenTwice() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        dirs.answer("s1", "OK", null);
        Path aside = home.resolve("aleph2edep/responses.xml.processing");
        handler.close();
        Files.move(dirs.responses(), aside); // killed after the rename, before the store write
        Path halfWritten = home.resolve("edep2aleph/.requests.xml.5f2c.tmp"); // and one killed while writing
        Files.writeString(halfWritten, "<records");
        Path keep = home.resolve("keep");
        Files.createLink(keep, aside); // the same file (inode and time) for the second case
        handler = new AlephLinkExportHandler(dirs.settings(), Clock.fixed(T0, ZoneOffset.UTC));
        assertFalse(Files.exists(aside));
        assertFalse(Files.exists(halfWritten), "a temporary file of a killed run is removed at start");
        assertFalse(Files.readString(dirs.requests()).contains("<record "));
        Files.createLink(aside, keep); // killed after the store write, before the deletion
        reopen(T0);
        assertFalse(Files.exists(aside));
        assertEquals(List.of(new LinkUpdateResponse("OK", "s1", null)), call(new StatusRequest(), "u2"), "once only");
    }

    @Test
    void aBadResponsesFileIsSetAsideWithATimestampAndTheRequestIsAnsweredAsUsual() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        Files.writeString(dirs.responses(), "<results xmlns=\"http://edeposit-aplikace.nkp.cz/link_export_result\">"
                + "<result session_id=\"s1\"><status>MAYBE</status></result></results>");
        assertEquals(List.of(), call(new StatusRequest(), "u2"));
        Path invalid = home.resolve("aleph2edep/responses.xml.invalid-20260301100000");
        assertTrue(Files.readString(invalid).contains("MAYBE"));
        Files.writeString(dirs.responses(), "<results><result session_id=\"s1\"><status>OK</status>"); // cut short
        assertEquals(List.of(), call(new StatusRequest(), "u3"));
        assertTrue(Files.readString(home.resolve("aleph2edep/responses.xml.invalid-20260301100000-1")).endsWith("OK</status>"));
        assertTrue(Files.readString(dirs.requests()).contains("session_id=\"s1\""), "s1 is still pending");
        try (Stream<Path> files = Files.list(home.resolve("aleph2edep"))) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void badRequestsAreValueErrorsNamingTheFieldAndLeaveEveryFileByteIdentical() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        dirs.answer("s1", "OK", null);
        byte[] requests = Files.readAllBytes(dirs.requests());
        byte[] store = Files.readAllBytes(dirs.database());
        byte[] responses = Files.readAllBytes(dirs.responses());
        var good = ExchangeDirs.request("s2");
        for (var bad : List.of(
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), good.docNumber(), good.documentUrls(), null, null, " "),
                new AlephLinkExportMessages.LinkUpdateRequest("", good.docNumber(), good.documentUrls(), null, null, "s2"),
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), null, good.documentUrls(), null, null, "s2"),
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), "1", List.of(), null, null, "s2"),
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), "1", "file:///etc/passwd", null, null, "s2"),
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), "1", "/relative", null, null, "s2"),
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), "1", good.documentUrls(), "ftp://k/x", null, "s2"),
                new AlephLinkExportMessages.LinkUpdateRequest(good.uuid(), "1\u0001", good.documentUrls(), null, null, "s2"))) {
            Exception error = assertThrows(cz.edeposit.amqp.wire.ValueError.class, () -> call(bad, "bad"));
            assertTrue(error.getMessage().matches("(session_id|uuid|doc_number|document_urls|document_urls\\[0]"
                    + "|kramerius_url) .*"), error.getMessage());
        }
        assertThrows(cz.edeposit.amqp.wire.ValueError.class, () -> call(new AlephLinkExportMessages.LinkDescription("u", "f"), "x"));
        assertEquals(List.of(requests, store, responses).stream().map(String::new).toList(),
                Stream.of(dirs.requests(), dirs.database(), dirs.responses()).map(LinkExchangeTest::text).toList());
    }

    @Test
    void aFileThatCannotBeWrittenIsAnIoErrorAndNothingOfTheRequestIsKept() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        byte[] store = Files.readAllBytes(dirs.database());
        Files.delete(dirs.requests());
        Files.delete(dirs.requests().getParent()); // the Aleph side's directory is gone
        IOError error = assertThrows(IOError.class, () -> call(ExchangeDirs.request("s2"), "u2"));
        assertEquals("IOError", error.wireName());
        assertEquals(new String(store), text(dirs.database()));
        Files.createDirectories(dirs.requests().getParent());
        call(ExchangeDirs.request("s3"), "u3");
        String xml = text(dirs.requests());
        assertTrue(xml.contains("session_id=\"s1\"") && xml.contains("session_id=\"s3\"") && !xml.contains("\"s2\""), xml);
    }

    @Test
    void aRepeatedSessionIdReplacesItsRequestAndTheSameRequestChangesNothing() throws Exception {
        call(ExchangeDirs.request("s1"), "u1");
        byte[] before = Files.readAllBytes(dirs.requests());
        call(ExchangeDirs.request("s1"), "u1");
        assertEquals(new String(before), text(dirs.requests()));
        var changed = ExchangeDirs.request("s1");
        call(new AlephLinkExportMessages.LinkUpdateRequest(changed.uuid(), changed.docNumber(), changed.documentUrls(),
                null, "urn:nbn:cz:edep-1", "s1"), "u2");
        String xml = text(dirs.requests());
        assertEquals(1, xml.split("<record ").length - 1);
        assertTrue(xml.contains("<urn_nbn>urn:nbn:cz:edep-1</urn_nbn>"), xml);
    }

    @Test
    void aSecondProcessOrAFileThatIsNotOursIsAConfigurationError() throws Exception {
        ConfigException locked = assertThrows(ConfigException.class, () -> LinkExchange.open(dirs.settings(), Clock.systemUTC()));
        assertTrue(locked.getMessage().contains("is in use by another process"), locked.getMessage());
        handler.close();
        Files.writeString(dirs.database(), "{\"something\": \"else\"}");
        ConfigException notOurs = assertThrows(ConfigException.class, () -> LinkExchange.open(dirs.settings(), Clock.systemUTC()));
        assertEquals("aleph_export.json: DATABASE_FN " + dirs.database() + " is not a store of this daemon (it has no"
                + " \"request_database\" object with \"format\": \"" + StoreFile.FORMAT + "\"); move it away, or point"
                + " DATABASE_FN at a new file", notOurs.getMessage());
        Files.delete(dirs.database());
        handler = new AlephLinkExportHandler(dirs.settings(), Clock.systemUTC());
    }

    @Test
    void withNoStoreTheOriginalsRequestsFileIsReadBack() throws Exception {
        handler.close();
        Files.delete(dirs.database());
        // As the original wrote it: outside the namespace, urn_nbn before document_url.
        Files.writeString(dirs.requests(), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<records xmlns=\"http://www.w3schools.com\">"
                + "<record session_id=\"old1\"><uuid>a0f1</uuid><doc_number>000054231</doc_number><urn_nbn>urn:nbn:cz:x</urn_nbn>"
                + "<document_url format=\"mobi\">http://s/a</document_url><document_url>http://s/b</document_url></record></records>");
        handler = new AlephLinkExportHandler(dirs.settings(), Clock.fixed(T0, ZoneOffset.UTC));
        String xml = text(dirs.requests());
        assertTrue(xml.contains("<record session_id=\"old1\">\n        <uuid>a0f1</uuid>\n        <doc_number>000054231"
                + "</doc_number>\n        <document_url format=\"mobi\">http://s/a</document_url>\n        <document_url>"
                + "http://s/b</document_url>\n        <urn_nbn>urn:nbn:cz:x</urn_nbn>\n    </record>"), xml);
        assertTrue(text(dirs.log()).contains("Rebuilt 1 pending request(s)"));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
