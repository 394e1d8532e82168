package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Author;
import cz.edeposit.amqp.marc.EPeriodical;
import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.marc.Isbn;

import static cz.edeposit.amqp.aleph.FakeAleph.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field of the structures a search extracts, from the fixtures of {@code src/test/resources/aleph}. */
class RecordExtractionTest {

    private static AlephRecord present(String fixture) {
        return AlephRecords.fromPresent("nkc", "CZE01", fixture(fixture));
    }

    @Test
    void aSearchRecordCarriesBaseLibraryDocNumberAndTheWholeAnswer() {
        String xml = fixture("present-monograph.xml");
        AlephRecord record = AlephRecords.fromPresent("nkc", "CZE01", xml);

        assertEquals("nkc", record.base());
        assertEquals("CZE01", record.library());
        assertEquals("000023456", record.docNumber());
        assertEquals(xml, record.xml());
    }

    @Test
    void aRecordWithoutDocNumberGetsMinusOne() {
        AlephRecord record = AlephRecords.fromPresent("nkc", "CZE01", fixture("find-doc-closed.xml"));

        assertEquals("-1", record.docNumber());
    }

    @Test
    void aDirectFetchHasNoBaseAndTheAskedSystemNumber() {
        AlephRecord record = AlephRecords.fromFindDoc("CZE01", "000023401", fixture("find-doc-closed.xml"));

        assertNull(record.base());
        assertEquals("CZE01", record.library());
        assertEquals("000023401", record.docNumber());
    }

    @Test
    void monographFieldsFollowTheExtractionRules() {
        EPublication epub = assertInstanceOf(EPublication.class, present("present-monograph.xml").parsedInfo());

        assertEquals(List.of("978-80-7422-551-2", "80-7422-551-8", "978-80-7422-553-6"), epub.isbn());
        assertEquals(List.of("978-80-7422-552-0"), epub.invalidIsbn());
        assertEquals("nkc20160023456", epub.idNumber());
        assertEquals("Zahrady jižní Moravy", epub.nazev());
        assertEquals("průvodce po zámeckých parcích", epub.podnazev());
        assertEquals("brož.", epub.vazba());
        assertEquals("Kč 249,00", epub.cena());
        assertEquals("Mikulovsko", epub.castDil());
        assertEquals("Díl 2", epub.nazevCasti());
        assertEquals("Nakladatelství Lipka", epub.nakladatelVydavatel());
        assertEquals("2016", epub.datumVydani());
        assertEquals("1. vydání", epub.poradiVydani());
        assertEquals("BOA001", epub.zpracovatelZaznamu());
        assertEquals("21 cm", epub.format());
        assertEquals(List.of("http://www.lipka-nakladatelstvi.cz/zahrady?id=7&lang=cs"), epub.url());
        assertEquals("Brno, Praha", epub.mistoVydani());
        assertEquals(List.of(), epub.isbnSouboruPublikaci());
        assertEquals(List.of(
                new Author("Marie", "Lipková", ""),
                new Author("Tomáš", "Horák", "PhDr."),
                new Author("Eva", "Novotná", ""),
                new Author("Jiří z Poděbrad", "český král", ""),
                new Author("Mácha, Karel Hynek", "", "básník"),
                new Author("Adam", "Lipka", "")), epub.autori());
        assertEquals(List.of("Gardens of South Moravia"), epub.originaly());
        assertEquals(List.of(
                "https://edeposit.nkp.cz/producents/lipka/epublications/zahrady-jizni-moravy/zahrady-jizni-moravy.pdf",
                "http://aleph.nkp.cz/F/?func=direct&doc_number=000023456&local_base=CZE-DEP",
                "http://edeposit.nkp.cz/@@redirect-to-uuid/4f1c0e9b2a4d4e0f9a3c7d5b6e8f1a2b"), epub.internalUrl());
        assertNull(epub.anotace());
    }

    @Test
    void monographCataloguingStateComesFromAlephsLocalFields() {
        SemanticInfo state = assertInstanceOf(SemanticInfo.class, present("present-monograph.xml").semanticInfo());

        assertEquals(new SemanticInfo(true, List.of("du20160413", "mazi"), List.of("ii20160412", "anje"),
                List.of("jp20160415", "kola"), List.of("jr20160418", "japr"), List.of("vp20160420", "maba"),
                List.of("vr20160422", "maba", "jiho"), false, false, "BK", "", ""), state);
    }

    @Test
    void aClosedRecordPointsToItsSummaryRecord() {
        AlephRecord record = present("present-closed.xml");
        SemanticInfo state = (SemanticInfo) record.semanticInfo();
        EPublication epub = (EPublication) record.parsedInfo();

        assertTrue(state.isClosed());
        assertFalse(state.isSummaryRecord());
        assertEquals("Souborný záznam viz (nkc20160023456), e-kniha\nOpraveno 12.4.2016", state.summaryRecordSysNumber());
        assertEquals("nkc20160023456", state.parsedSummaryRecordSysNumber());
        assertFalse(state.hasAcquisitionFields(), "no HLD field");
        assertEquals(List.of(), state.acquisitionFields(), "STZ counts only with HLD");
        assertEquals(List.of(), state.descriptiveCatFields(), "ox signs are not a cataloguing step");
        assertEquals(List.of("978-80-7422-553-6"), epub.isbn(), "ISBN from 901i when 020a has none");
        assertEquals(List.of("978-80-7422-550-4"), epub.invalidIsbn());
        assertEquals(List.of(), epub.autori(), "a translator is not an author");
        assertEquals("Brno", epub.mistoVydani());
        assertEquals("Nakladatelství Lipka", epub.nakladatelVydavatel());
        assertEquals("2016", epub.datumVydani());
        assertEquals("", epub.vazba());
        assertEquals("ABA001", epub.zpracovatelZaznamu());
    }

    @Test
    void summaryRecordNumberIsTheFirstTokenWithMoreThanThreeDigits() {
        assertEquals("nkc20150003043", RecordExtraction.parseSummaryRecordSysNumber("Seriálový záznam viz nkc20150003043"));
        assertEquals("000012345", RecordExtraction.parseSummaryRecordSysNumber("viz [000012345]."));
        assertEquals("", RecordExtraction.parseSummaryRecordSysNumber("viz 123 a 2a3"));
        assertEquals("", RecordExtraction.parseSummaryRecordSysNumber(""));
    }

    @Test
    void aContinuingResourceBecomesAnEPeriodical() {
        AlephRecord record = present("present-periodical.xml");
        EPeriodical periodical = assertInstanceOf(EPeriodical.class, record.parsedInfo());

        assertEquals(new EPeriodical(
                List.of("http://www.moravsky-zahradnik.cz"),
                List.of("1805-4951"),
                List.of("1805-4960"),
                "Moravský zahradník",
                null,
                "čtvrtletník pro milovníky zahrad",
                "nkc20160034567",
                "Brno",
                "2015-",
                List.of("https://edeposit.nkp.cz/producents/lipka/eperiodicals/moravsky-zahradnik",
                        "http://aleph.nkp.cz/F/?func=direct&doc_number=000034567&local_base=CZE-DEP"),
                "Nakladatelství Lipka",
                List.of("1805-4943")), periodical);
    }

    @Test
    void periodicalCataloguingStateCountsSkSignsAsAcquisition() {
        EPeriodicalSemanticInfo state = assertInstanceOf(EPeriodicalSemanticInfo.class,
                present("present-periodical.xml").semanticInfo());

        assertEquals(new EPeriodicalSemanticInfo(true, List.of("sk20160105", "mazi"), false, true, "SE", "", ""), state);
    }

    @Test
    void aDeletedRecordIsNotFound() {
        DocumentNotFoundException error = assertThrows(DocumentNotFoundException.class,
                () -> present("present-deleted.xml"));

        assertEquals("Document was deleted.", error.getMessage());
    }

    @Test
    void anAnswerWithoutARecordIsAnAlephException() {
        assertThrows(AlephException.class, () -> AlephRecords.fromPresent("nkc", "CZE01", fixture("find-empty.xml")));
        assertThrows(AlephException.class, () -> AlephRecords.fromPresent("nkc", "CZE01", "Service unavailable"));
    }
}
