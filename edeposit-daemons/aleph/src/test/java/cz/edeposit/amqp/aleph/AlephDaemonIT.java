package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Author;
import cz.edeposit.amqp.marc.EPeriodical;
import cz.edeposit.amqp.marc.EPublication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.aleph.AlephReply.CountResult;
import cz.edeposit.amqp.aleph.AlephReply.ExportResult;
import cz.edeposit.amqp.aleph.AlephReply.ISBNValidationResult;
import cz.edeposit.amqp.aleph.AlephReply.SearchResult;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code edeposit-alephd} end to end: a separate daemon JVM on the real broker, in a vhost of its
 * own with the aleph schema (plus the {@code validate} and {@code count} exchanges the portal
 * publishes to), talking HTTP to a loopback server that plays X-Services and the export form.
 * Requests are the JSON the Python portal sends; replies are read as a Python client reads them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlephDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern STARTED = Pattern.compile("started with pid (\\d+)");
    private static final NtCodec REPLIES = new NtCodec(AlephMessages.REPLIES);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeAleph aleph;
    private TestVhost vhost;
    private Path dir;
    private DaemonProcess daemon;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;

    @BeforeAll
    void startDaemon() throws Exception {
        aleph = FakeAleph.withCatalogue();
        vhost = TestVhost.withSchema("aleph");
        dir = Files.createTempDirectory("aleph-it");
        Files.writeString(dir.resolve("aleph.json"), "{\"ALEPH_URL\": \"" + aleph.url() + "\", "
                + "\"ALEPH_EXPORT_URL\": \"" + aleph.url() + FakeAleph.EXPORT_PATH + "\", "
                + "\"EDEPOSIT_EXPORT_SIGNATURE\": \"edeposit-it\", \"EDEPOSIT_EXPORT_REFERER\": \"https://edeposit.example/\", "
                + "\"ALEPH_MAX_REQUESTS_PER_SECOND\": 50}");
        connection = vhost.connect();
        client = connection.createChannel();
        // The portal publishes to three exchanges of the aleph vhost; all replies come back through "search".
        for (String exchange : List.of("validate", "count")) {
            client.exchangeDeclare(exchange, "topic", true);
            client.queueBind("daemon", exchange, "request");
        }
        replies = new ReplyCollector(connection, "plone");
        daemon = new DaemonProcess(AlephDaemon.class, vhost.env(), List.of("--config-dir", dir.toString(),
                "--pid-dir", dir.toString(), "--log-file", dir.resolve("edeposit-aleph.log").toString()));
        DaemonProcess.Result start = daemon.run("start");
        Matcher started = STARTED.matcher(start.err());
        assertTrue(start.exitCode() == 0 && started.find(), () -> start + "\nlog:\n" + log());
    }

    @AfterAll
    void stopDaemon() throws Exception {
        try {
            assertEquals(0, daemon.run("stop").exitCode(), this::log);
        } finally {
            connection.close();
            vhost.close();
            aleph.close();
            for (Path file : List.of(dir.resolve("aleph.json"), dir.resolve("edeposit-aleph.log"))) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("edeposit-aleph.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** Publishes {@code body} like the portal and returns the one message that answers it. */
    private Reply call(String exchange, String body) throws Exception {
        String uuid = UUID.randomUUID().toString();
        Requests.publish(client, exchange, "request", uuid, body);
        Reply reply = replies.take(WAIT);
        assertEquals(uuid, reply.header("UUID"));
        assertEquals("search", reply.envelope().getExchange(), "every reply goes to the search exchange");
        assertEquals("result", reply.envelope().getRoutingKey());
        return reply;
    }

    private Object result(String exchange, String body) throws Exception {
        Reply reply = call(exchange, body);
        assertNull(reply.header("exception"), () -> "unexpected exception reply: " + reply.headers() + " " + reply.text());
        return REPLIES.decode(reply.body());
    }

    /** What the portal does with a reply: an {@code exception} header means failure, told apart by its name. */
    private static String outcome(Reply reply) {
        return reply.headers().containsKey("exception") ? reply.header("exception_name") : "ok";
    }

    @Test
    void anIsbnSearchAnswersEveryRecordInOneSearchResult() throws Exception {
        SearchResult result = (SearchResult) result("search",
                "{\"query\": {\"ISBN\": \"978-80-7422-551-2\", \"__nt_name\": \"ISBNQuery\"}, \"__nt_name\": \"SearchRequest\"}");

        assertEquals(List.of("000023456", "000023401"), result.records().stream().map(AlephRecord::docNumber).toList());
        AlephRecord first = result.records().get(0);
        assertEquals("nkc", first.base());
        assertEquals("CZE01", first.library());
        assertEquals(FakeAleph.fixture("present-monograph.xml"), first.xml());
        EPublication epub = (EPublication) first.parsedInfo();
        assertEquals(List.of("978-80-7422-551-2", "80-7422-551-8", "978-80-7422-553-6"), epub.isbn());
        assertEquals(new Author("Marie", "Lipková", ""), epub.autori().get(0));
        assertEquals(List.of("jp20160415", "kola"), ((SemanticInfo) first.semanticInfo()).descriptiveCatFields());
        assertTrue(((SemanticInfo) result.records().get(1).semanticInfo()).isClosed());
        assertTrue(replies.silentFor(Duration.ofMillis(500)), "no progress or second message follows");
    }

    @Test
    void theWireNamesAndFieldNamesAreThoseOfThePythonStructures() throws Exception {
        Reply reply = call("search", "{\"query\": {\"title\": \"Zahrady ji\\u017en\\u00ed Moravy\", \"base\": \"nkc\", "
                + "\"__nt_name\": \"TitleQuery\"}, \"__nt_name\": \"SearchRequest\"}");

        JsonNode record = JSON.readTree(reply.body()).get("records").get(0);
        assertEquals("SearchResult", JSON.readTree(reply.body()).get("__nt_name").asText());
        assertEquals("AlephRecord", record.get("__nt_name").asText());
        assertEquals("000023456", record.get("docNumber").asText());
        JsonNode parsed = record.get("parsed_info");
        assertEquals("EPublication", parsed.get("__nt_name").asText());
        for (String field : List.of("ISBN", "invalid_ISBN", "id_number", "nazev", "podnazev", "vazba", "cena", "castDil",
                "nazevCasti", "nakladatelVydavatel", "datumVydani", "poradiVydani", "zpracovatelZaznamu", "format", "url",
                "mistoVydani", "ISBNSouboruPublikaci", "autori", "originaly", "internal_url", "anotace")) {
            assertTrue(parsed.has(field), field);
        }
        assertEquals(22, parsed.size(), "21 fields and __nt_name");
        assertEquals("Author", parsed.get("autori").get(0).get("__nt_name").asText());
        JsonNode state = record.get("semantic_info");
        assertEquals("SemanticInfo", state.get("__nt_name").asText());
        assertTrue(state.has("ISBNAgencyFields") && state.has("contentOfFMT"), state.toString());
    }

    @Test
    void aCountPublishedToTheCountExchangeIsAnsweredThroughSearch() throws Exception {
        assertEquals(new CountResult(2L), result("count",
                "{\"query\": {\"ISBN\": \"978-80-7422-551-2\", \"base\": \"nkc\", \"__nt_name\": \"ISBNQuery\"}, "
                        + "\"__nt_name\": \"CountRequest\"}"));
        assertEquals(new CountResult(0L), result("count",
                "{\"query\": {\"ISBN\": \"978-80-88235-12-5\", \"__nt_name\": \"ISBNQuery\"}, \"__nt_name\": \"CountRequest\"}"));
    }

    @Test
    void aGenericTitleSearchFindsAPeriodical() throws Exception {
        SearchResult result = (SearchResult) result("search", "{\"query\": {\"base\": \"cze-dep\", "
                + "\"phrase\": \"Moravsk\\u00fd zahradn\\u00edk\", \"considerSimilar\": true, \"field\": \"wtl\", "
                + "\"__nt_name\": \"GenericQuery\"}, \"__nt_name\": \"SearchRequest\"}");

        EPeriodical periodical = assertInstanceOf(EPeriodical.class, result.records().get(0).parsedInfo());
        assertEquals("Moravský zahradník", periodical.nazev());
        assertEquals(List.of("1805-4951"), periodical.issn());
        assertTrue(((EPeriodicalSemanticInfo) result.records().get(0).semanticInfo()).isSummaryRecord());
    }

    @Test
    void aDocumentQueryFollowsACatalogueRecordBySystemNumber() throws Exception {
        SearchResult result = (SearchResult) result("search",
                "{\"query\": {\"doc_id\": \"000023401\", \"__nt_name\": \"DocumentQuery\"}, \"__nt_name\": \"SearchRequest\"}");

        AlephRecord record = result.records().get(0);
        assertNull(record.base());
        assertEquals("000023401", record.docNumber());
        assertEquals("nkc20160023456", ((SemanticInfo) record.semanticInfo()).parsedSummaryRecordSysNumber());
    }

    @Test
    void aMissingDocumentIsADocumentNotFoundException() throws Exception {
        Reply reply = call("search",
                "{\"query\": {\"doc_id\": \"000099999\", \"library\": \"CZE01\", \"__nt_name\": \"DocumentQuery\"}, "
                        + "\"__nt_name\": \"SearchRequest\"}");

        assertEquals("DocumentNotFoundException", outcome(reply));
        assertEquals("Error reading document", reply.header("exception"));
        assertEquals("Error reading document", reply.text());
        assertEquals("application/text", reply.properties().getContentType());
    }

    @Test
    void isbnValidationThroughTheValidateExchange() throws Exception {
        assertEquals(new ISBNValidationResult(true), result("validate",
                "{\"ISBN\": \"80-251-0225-4\", \"__nt_name\": \"ISBNValidationRequest\"}"));
        assertEquals(new ISBNValidationResult(false), result("validate",
                "{\"ISBN\": \"978 80 7422 552 0\", \"__nt_name\": \"ISBNValidationRequest\"}"));
        assertEquals(new ISBNValidationResult(true), result("validate", "{\"ISBN\": {\"ISBN\": \"80-7422-502-X\", "
                + "\"__nt_name\": \"ISBNQuery\"}, \"__nt_name\": \"ISBNValidationRequest\"}"));
    }

    @Test
    void anExportIsAcceptedOnceAndRejectedAsADuplicate() throws Exception {
        String export = exportRequest("978-80-88235-11-8", "Sady a vinice");

        assertEquals(new ExportResult("978-80-88235-11-8"), result("search", export));
        FakeAleph.Received post = aleph.exports().get(aleph.exports().size() - 1);
        assertEquals("https://edeposit.example/", post.header("Referer"));
        assertEquals("edeposit-it", post.param("sid"));
        assertEquals("Sady a vinice", post.param("P07012001_a"));
        assertEquals("Svoboda", post.param("P1301ZAK__b"));
        assertEquals("Nakladatelská anotace: Kniha o vinicích.", post.param("P1001330__a"));

        Reply rejected = call("search", export);
        assertEquals("ExportRejectedException", outcome(rejected));
        assertEquals("Export request was rejected by import webform: Error: ISBN 978-80-88235-11-8 already announced",
                rejected.header("exception"));
    }

    @Test
    void thePortalBranchesOnTheExceptionName() throws Exception {
        assertEquals("InvalidISBNException", outcome(call("search", exportRequest("978-80-88235-11-9", "Sady"))));
        Reply noTitle = call("search", exportRequest("978-80-88235-10-1", ""));
        assertEquals("AssertionError", outcome(noTitle));
        assertEquals("Nazev is required!", noTitle.header("exception"));
        assertEquals("<type 'exceptions.AssertionError'>", noTitle.header("exception_type"));
        assertEquals("InvalidAlephBaseException", outcome(call("search", "{\"query\": {\"doc_id\": \"000023401\", "
                + "\"library\": \"XYZ01\", \"__nt_name\": \"DocumentQuery\"}, \"__nt_name\": \"SearchRequest\"}")));
        assertEquals("AlephException", outcome(call("search", "{\"query\": {\"ISBN\": \"978-80-7422-551-2\", "
                + "\"base\": \"XYZ01\", \"__nt_name\": \"ISBNQuery\"}, \"__nt_name\": \"SearchRequest\"}")));
        assertEquals("InvalidAlephFieldException", outcome(call("search", "{\"query\": {\"base\": \"nkc\", "
                + "\"phrase\": \"x\", \"considerSimilar\": false, \"field\": \"title\", \"__nt_name\": \"GenericQuery\"}, "
                + "\"__nt_name\": \"CountRequest\"}")));
        assertEquals("DocumentNotFoundException", outcome(call("search", "{\"query\": {\"icz\": \"nkc20150019876\", "
                + "\"__nt_name\": \"ICZQuery\"}, \"__nt_name\": \"SearchRequest\"}")));
        assertEquals("KeyError", outcome(call("search", "{\"query\": {\"__nt_name\": \"LinkUpdateRequest\"}, "
                + "\"__nt_name\": \"SearchRequest\"}")));
        assertEquals("ValueError", outcome(call("search", "{\"ISBN\": \"80-251-0225-4\", \"__nt_name\": \"ISBNQuery\"}")));
        assertEquals("ok", outcome(call("search", "{\"ISBN\": \"80-251-0225-4\", \"__nt_name\": \"ISBNValidationRequest\"}")));
    }

    @Test
    void aBadSettingsFileStopsTheStartWithOneLineAndStatus78() throws Exception {
        Path badDir = Files.createTempDirectory("aleph-it-bad");
        Path file = Files.writeString(badDir.resolve("aleph.json"), "{\"ALEPH_MAX_REQUESTS_PER_SECOND\": 500}");
        try {
            DaemonProcess.Result result = new DaemonProcess(AlephDaemon.class, vhost.env(), List.of(
                    "--config-dir", badDir.toString(), "--pid-dir", badDir.toString())).run("start", "--foreground");

            assertEquals(78, result.exitCode(), result::toString);
            assertEquals("edeposit-alephd: error: " + file + " (or EDEPOSIT_ALEPH_MAX_REQUESTS_PER_SECOND):"
                    + " ALEPH_MAX_REQUESTS_PER_SECOND must be a whole number from 1 to 150, not 500",
                    result.err().lines().filter(line -> line.startsWith("edeposit-alephd:")).findFirst().orElse(""));
            assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(badDir);
        }
    }

    /** An {@code ExportRequest} exactly as the portal serializes it: strings, authors as names, ASCII-escaped. */
    private static String exportRequest(String isbn, String title) {
        return "{\"epublication\": {\"ISBN\": \"" + isbn + "\", \"invalid_ISBN\": [], \"id_number\": null, "
                + "\"nazev\": \"" + title + "\", \"podnazev\": \"\", \"vazba\": \"online\", \"cena\": \"199\", "
                + "\"castDil\": \"\", \"nazevCasti\": \"\", \"nakladatelVydavatel\": \"Vina\\u0159sk\\u00e9 listy\", "
                + "\"datumVydani\": \"2016\", \"poradiVydani\": \"1. vyd\\u00e1n\\u00ed\", "
                + "\"zpracovatelZaznamu\": \"Vina\\u0159sk\\u00e9 listy\", \"format\": \"pdf\", "
                + "\"url\": \"http://www.vinarske-listy.cz/sady\", \"mistoVydani\": \"Znojmo\", \"ISBNSouboruPublikaci\": \"\", "
                + "\"autori\": [\"Svoboda\", \"Nov\\u00e1k\"], \"originaly\": [], "
                + "\"internal_url\": \"https://edeposit.nkp.cz/producents/vinarske-listy/sady\", "
                + "\"anotace\": \"Kniha o vinic\\u00edch.\", \"__nt_name\": \"EPublication\"}, \"__nt_name\": \"ExportRequest\"}";
    }
}
