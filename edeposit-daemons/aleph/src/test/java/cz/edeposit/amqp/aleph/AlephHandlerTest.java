package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.EPeriodical;
import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.marc.Isbn;

import cz.edeposit.amqp.testing.RecordingContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.aleph.AlephQuery.AuthorQuery;
import cz.edeposit.amqp.aleph.AlephQuery.DocumentQuery;
import cz.edeposit.amqp.aleph.AlephQuery.GenericQuery;
import cz.edeposit.amqp.aleph.AlephQuery.ICZQuery;
import cz.edeposit.amqp.aleph.AlephQuery.ISBNQuery;
import cz.edeposit.amqp.aleph.AlephQuery.PublisherQuery;
import cz.edeposit.amqp.aleph.AlephQuery.TitleQuery;
import cz.edeposit.amqp.aleph.AlephReply.CountResult;
import cz.edeposit.amqp.aleph.AlephReply.ExportResult;
import cz.edeposit.amqp.aleph.AlephReply.ISBNValidationResult;
import cz.edeposit.amqp.aleph.AlephReply.SearchResult;
import cz.edeposit.amqp.aleph.AlephRequest.CountRequest;
import cz.edeposit.amqp.aleph.AlephRequest.ExportRequest;
import cz.edeposit.amqp.aleph.AlephRequest.ISBNValidationRequest;
import cz.edeposit.amqp.aleph.AlephRequest.SearchRequest;
import cz.edeposit.amqp.wire.ValueError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler against a real HTTP server on loopback playing X-Services and the export form. */
class AlephHandlerTest {


    private FakeAleph aleph;
    private AlephHandler handler;
    /** The send-back channel of one request; the aleph daemon must never use it. */
    private final RecordingContext context = new RecordingContext();

    @BeforeEach
    void setUp() throws IOException {
        aleph = FakeAleph.withCatalogue();
        handler = new AlephHandler(settings(30, 1024 * 1024));
    }

    @AfterEach
    void tearDown() {
        aleph.close();
    }

    private AlephSettings settings(int maxRecords, long maxBytes) {
        return new AlephSettings(java.net.URI.create(aleph.url()), "nkc", "CZE01",
                java.net.URI.create(aleph.url() + FakeAleph.EXPORT_PATH), "edeposit-test", "https://edeposit.example/",
                maxRecords, 150, Duration.ofSeconds(5), Duration.ofSeconds(10), maxBytes);
    }

    private Object handle(Object request) throws Exception {
        return handler.handle(request, context);
    }

    @Test
    void anIsbnSearchFindsThenPresentsEveryRecordOfTheSet() throws Exception {
        SearchResult result = (SearchResult) handle(new SearchRequest(new ISBNQuery("978-80-7422-551-2", null)));

        assertEquals(List.of("000023456", "000023401"), result.records().stream().map(AlephRecord::docNumber).toList());
        assertEquals("nkc", result.records().get(0).base(), "a missing base is ALEPH_DEFAULT_BASE");
        assertEquals("CZE01", result.records().get(1).library());
        assertEquals("Zahrady jižní Moravy", ((EPublication) result.records().get(0).parsedInfo()).nazev());
        assertTrue(((SemanticInfo) result.records().get(1).semanticInfo()).isClosed());
        FakeAleph.Received find = aleph.received("find").get(0);
        assertEquals("sbn=978-80-7422-551-2", find.param("request"));
        assertEquals("nkc", find.param("base"));
        assertEquals(List.of("004217|1", "004217|2"), aleph.received("present").stream()
                .map(r -> r.param("set_number") + "|" + r.param("set_entry")).toList());
        assertTrue(context.progress.isEmpty(), "every record travels in the one reply");
    }

    @Test
    void setNumbersArePaddedToSixDigits() throws Exception {
        handle(new SearchRequest(new TitleQuery("Zahrady jižní Moravy", null)));

        assertEquals("004218", aleph.received("present").get(0).param("set_number"));
        assertEquals("001234", XServices.padSetNumber("1234"));
        assertEquals("1234567", XServices.padSetNumber("1234567"));
    }

    @Test
    void eachQueryTypeSearchesItsField() throws Exception {
        handle(new CountRequest(new AuthorQuery("Lipková", "nkc")));
        handle(new CountRequest(new PublisherQuery("Nakladatelství Lipka", "nkc")));
        handle(new CountRequest(new TitleQuery("Zahrady", "nkc")));
        handle(new CountRequest(new ICZQuery("nkc20160023456", "nkc")));
        handle(new CountRequest(new ISBNQuery("80-7422-551-8", "nkc")));

        assertEquals(List.of("wau=Lipková", "wpb=Nakladatelství Lipka", "wtl=Zahrady", "icz=nkc20160023456",
                "sbn=80-7422-551-8"), aleph.received("find").stream().map(r -> r.param("request")).toList());
    }

    @Test
    void aGenericTitleSearchSendsThePhraseUrlEncodedInUtf8() throws Exception {
        SearchResult result = (SearchResult) handle(new SearchRequest(
                new GenericQuery("cze-dep", "Moravský zahradník", true, "wtl")));

        FakeAleph.Received find = aleph.received("find").get(0);
        assertTrue(find.rawQuery().contains("request=wtl=Moravsk%C3%BD+zahradn%C3%ADk&base=cze-dep"), find.rawQuery());
        assertTrue(result.records().get(0).parsedInfo() instanceof EPeriodical);
        assertTrue(result.records().get(0).semanticInfo() instanceof EPeriodicalSemanticInfo);
    }

    @Test
    void aGenericQueryAcceptsOnlyTheXServicesFieldCodes() throws Exception {
        InvalidAlephFieldException error = assertThrows(InvalidAlephFieldException.class,
                () -> handle(new SearchRequest(new GenericQuery("nkc", "x", false, "title"))));

        assertEquals("Unknown field 'title'!", error.getMessage());
        handle(new CountRequest(new GenericQuery("nkc", "Zahrady", false, "WTL")));
        assertEquals(1, aleph.received("find").size(), "the bad field never reached the catalogue");
        assertEquals(23, SearchFields.CODES.size());
    }

    @Test
    void anEmptySetIsNoRecordsAndCountZero() throws Exception {
        assertEquals(new SearchResult(List.of()), handle(new SearchRequest(new ISBNQuery("978-80-88235-12-5", "nkc"))));
        assertEquals(new CountResult(0L), handle(new CountRequest(new ISBNQuery("978-80-88235-12-5", "nkc"))));
        assertTrue(aleph.received("present").isEmpty());
    }

    @Test
    void countIsTheNumberOfEntriesWithoutFetchingRecords() throws Exception {
        assertEquals(new CountResult(2L), handle(new CountRequest(new ISBNQuery("978-80-7422-551-2", null))));
        assertEquals(new CountResult(45L), handle(new CountRequest(new AuthorQuery("Lipková", null))));
        assertTrue(aleph.received("present").isEmpty());
    }

    @Test
    void aSearchFetchesAtMostMaxRecords() throws Exception {
        SearchResult result = (SearchResult) handle(new SearchRequest(new AuthorQuery("Lipková", null)));

        assertEquals(30, result.records().size());
        assertEquals(30, aleph.received("present").size());
        handler = new AlephHandler(settings(3, 1024 * 1024));
        assertEquals(3, ((SearchResult) handle(new SearchRequest(new AuthorQuery("Lipková", null)))).records().size());
    }

    @Test
    void anotherFindErrorIsAnAlephException() {
        AlephException error = assertThrows(AlephException.class,
                () -> handle(new SearchRequest(new ISBNQuery("978-80-7422-551-2", "XYZ01"))));

        assertEquals("Database XYZ01 does not exist", error.getMessage());
        assertEquals(AlephException.class, error.getClass());
    }

    @Test
    void aDeletedRecordFailsTheSearchAsNotFound() {
        DocumentNotFoundException error = assertThrows(DocumentNotFoundException.class,
                () -> handle(new SearchRequest(new ICZQuery("nkc20150019876", null))));

        assertEquals("Document was deleted.", error.getMessage());
    }

    @Test
    void aDocumentQueryFetchesTheRecordDirectlyWithTheLibraryAsBase() throws Exception {
        SearchResult result = (SearchResult) handle(new SearchRequest(new DocumentQuery("000023401", null)));

        AlephRecord record = result.records().get(0);
        assertNull(record.base());
        assertEquals("CZE01", record.library());
        assertEquals("000023401", record.docNumber());
        assertEquals("nkc20160023456", ((SemanticInfo) record.semanticInfo()).parsedSummaryRecordSysNumber());
        FakeAleph.Received findDoc = aleph.received("find_doc").get(0);
        assertEquals("000023401", findDoc.param("doc_num"));
        assertEquals("CZE01", findDoc.param("base"));
    }

    @Test
    void aMissingDocumentIsNotFoundAndCountsZero() throws Exception {
        DocumentNotFoundException error = assertThrows(DocumentNotFoundException.class,
                () -> handle(new SearchRequest(new DocumentQuery("000099999", "CZE01"))));

        assertEquals("Error reading document", error.getMessage());
        assertEquals(new CountResult(0L), handle(new CountRequest(new DocumentQuery("000099999", "CZE01"))));
        assertEquals(new CountResult(1L), handle(new CountRequest(new DocumentQuery("000023401", "CZE01"))));
    }

    @Test
    void anotherFindDocErrorIsAnInvalidBase() {
        InvalidAlephBaseException error = assertThrows(InvalidAlephBaseException.class,
                () -> handle(new SearchRequest(new DocumentQuery("000023401", "XYZ01"))));

        assertTrue(error.getMessage().startsWith("Failed to open library XYZ01\n"), error.getMessage());
    }

    @Test
    void httpErrorsGarbageAndOversizedAnswersAreAlephExceptions() throws Exception {
        aleph.failWith(503);
        AlephException status = assertThrows(AlephException.class,
                () -> handle(new CountRequest(new ISBNQuery("978-80-7422-551-2", null))));
        assertTrue(status.getMessage().contains("HTTP 503"), status.getMessage());
        aleph.failWith(0);

        aleph.answerRaw("<html><body>Service unavailable");
        assertThrows(AlephException.class, () -> handle(new CountRequest(new ISBNQuery("978-80-7422-551-2", null))));
        aleph.answerRaw("<find><set_number>1</set_number>" + "<x/>".repeat(400) + "</find>");
        handler = new AlephHandler(settings(30, 1024));
        AlephException size = assertThrows(AlephException.class,
                () -> handle(new CountRequest(new ISBNQuery("978-80-7422-551-2", null))));
        assertTrue(size.getMessage().contains("larger than 1024 bytes"), size.getMessage());
    }

    @Test
    void anUnreachableCatalogueIsAnAlephException() throws Exception {
        String url = aleph.url();
        aleph.close();
        handler = new AlephHandler(new AlephSettings(java.net.URI.create(url), "nkc", "CZE01",
                java.net.URI.create(url + FakeAleph.EXPORT_PATH), "s", "r", 30, 150, Duration.ofSeconds(2),
                Duration.ofSeconds(2), 1024));

        AlephException error = assertThrows(AlephException.class,
                () -> handle(new CountRequest(new ISBNQuery("978-80-7422-551-2", null))));
        assertTrue(error.getMessage().contains("op=find"), error.getMessage());
        assertThrows(ExportException.class, () -> handle(new ExportRequest(new ExportSample().build())));
    }

    @Test
    void isbnValidationTakesAStringOrAnIsbnQueryAndNeedsNoNetwork() throws Exception {
        aleph.failWith(500);

        assertEquals(new ISBNValidationResult(true), handle(new ISBNValidationRequest("80-251-0225-4")));
        assertEquals(new ISBNValidationResult(false), handle(new ISBNValidationRequest("80-251-0225-5")));
        assertEquals(new ISBNValidationResult(true),
                handle(new ISBNValidationRequest(new ISBNQuery("978-80-7422-551-2", "nkc"))));
        assertThrows(ValueError.class, () -> handle(new ISBNValidationRequest(42)));
        assertTrue(aleph.received().isEmpty());
    }

    @Test
    void anExportPostsTheFormWithTheRefererAndEchoesTheIsbn() throws Exception {
        EPublication epub = new ExportSample().build();

        assertEquals(new ExportResult("978-80-7422-551-2"), handle(new ExportRequest(epub)));

        FakeAleph.Received post = aleph.exports().get(0);
        assertEquals("POST", post.method());
        assertEquals("https://edeposit.example/", post.header("Referer"));
        assertTrue(post.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
        assertEquals("edeposit-test", post.param("sid"));
        assertEquals("Zahrady jižní Moravy", post.param("P07012001_a"));
        assertEquals("Nakladatelská anotace: Průvodce po parcích jižní Moravy.", post.param("P1001330__a"));
        assertEquals(29, post.params().size());
    }

    @Test
    void aRejectedExportCarriesTheServersText() throws Exception {
        EPublication epub = new ExportSample().build();
        handle(new ExportRequest(epub));

        ExportRejectedException error = assertThrows(ExportRejectedException.class, () -> handle(new ExportRequest(epub)));

        assertEquals("Export request was rejected by import webform: Error: ISBN 978-80-7422-551-2 already announced",
                error.getMessage());
    }

    @Test
    void anInvalidExportNeverReachesTheForm() {
        ExportSample sample = new ExportSample();
        sample.isbn = "978-80-7422-552-0";

        assertThrows(InvalidISBNException.class, () -> handle(new ExportRequest(sample.build())));
        assertTrue(aleph.exports().isEmpty());
    }

    @Test
    void aFormAnsweringAnHttpErrorIsAnExportException() {
        aleph.failWith(500);

        ExportException error = assertThrows(ExportException.class,
                () -> handle(new ExportRequest(new ExportSample().build())));

        assertEquals(ExportException.class, error.getClass());
        assertTrue(error.getMessage().contains("HTTP 500"), error.getMessage());
    }

    @Test
    void somethingElseThanARequestIsAValueError() {
        ValueError query = assertThrows(ValueError.class, () -> handle(new ISBNQuery("80-251-0225-4", "nkc")));
        assertEquals("Unknown type of request: 'ISBNQuery'!", query.getMessage());
        ValueError empty = assertThrows(ValueError.class, () -> handle(new SearchRequest(null)));
        assertEquals("Unknown type of request: 'SearchRequest' or query: 'NoneType'!", empty.getMessage());
        assertThrows(ValueError.class, () -> handle(Map.of("query", "x")));
        assertThrows(ValueError.class, () -> handle(null));
        assertThrows(ValueError.class, () -> handle(new SearchRequest(new ISBNQuery(null, null))));
    }
}
