package cz.edeposit.amqp.marc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarcQueryTest {

    private static DataField field(String tag, String i1, String i2, String... codesAndValues) {
        List<Subfield> subfields = new ArrayList<>();
        for (int i = 0; i < codesAndValues.length; i += 2) {
            subfields.add(new Subfield(codesAndValues[i], codesAndValues[i + 1]));
        }
        return new DataField(tag, i1, i2, subfields);
    }

    private static MarcQuery query(DataField... fields) {
        return query("-----nam-a22------a-4500", Map.of(), fields);
    }

    private static MarcQuery query(String leader, Map<String, String> control, DataField... fields) {
        return new MarcQuery(new MarcRecord(leader, control, List.of(fields), true));
    }

    @Test
    void titleSubtitleAndPartsLoseCataloguingPunctuation() {
        MarcQuery query = query(field("245", "1", "0", "a", "Zahrady jižní Moravy :", "b", "průvodce po parcích /",
                "n", "Díl 2,", "p", "Mikulovsko", "c", "Marie Lipková"));

        assertEquals("Zahrady jižní Moravy", query.name());
        assertEquals("průvodce po parcích", query.subname());
        assertEquals("Mikulovsko", query.part());
        assertEquals("Díl 2", query.partName());
    }

    @Test
    void singleValuedGettersAreBlankWhenTheRecordLacksThem() {
        MarcQuery empty = query();

        for (String value : List.of(empty.name(), empty.subname(), empty.price(), empty.part(), empty.partName(),
                empty.publisher(), empty.pubDate(), empty.pubOrder(), empty.pubPlace(), empty.format())) {
            assertEquals("", value);
        }
        assertTrue(empty.isbns().isEmpty() && empty.authors().isEmpty() && empty.urls().isEmpty());
    }

    @Test
    void priceEditionAndDimensions() {
        MarcQuery query = query(field("020", " ", " ", "a", "978-80-7422-551-2", "c", "Kč 249,00"),
                field("901", " ", " ", "b", "9788074225512", "f", "1. vydání"),
                field("300", " ", " ", "a", "215 s. :", "c", "21 cm"));

        assertEquals("Kč 249,00", query.price());
        assertEquals("1. vydání", query.pubOrder());
        assertEquals("21 cm", query.format());
    }

    @Test
    void placePublisherAndDateCombine260WithBlankIndicatorsAnd264WithoutRepeats() {
        MarcQuery query = query(
                field("260", " ", " ", "a", "Brno :", "b", "Nakladatelství Lipka,", "c", "2016"),
                field("260", "3", " ", "a", "Olomouc :", "b", "Hanácké knihy", "c", "2018"),
                field("264", " ", "1", "a", "Praha :", "b", "Nakladatelství Lipka,", "c", "[2016]"));

        assertEquals("Brno, Praha", query.pubPlace());
        assertEquals("Nakladatelství Lipka", query.publisher());
        assertEquals("2016", query.pubDate());
    }

    @Test
    void dateKeepsAnOpenRangeButDropsBracketsQuestionMarksAndLetters() {
        assertEquals("2015-", MarcQuery.cleanDate("2015-"));
        assertEquals("2014", MarcQuery.cleanDate("[2014?]-"));
        assertEquals("2016", MarcQuery.cleanDate("c2016"));
        assertEquals("2010-2012", MarcQuery.cleanDate("2010-2012."));
        assertEquals("2015-", query(field("260", " ", " ", "c", "2015-")).pubDate());
    }

    @Test
    void isbnsDropQualifiersAndExcludeTheInvalidOnes() {
        MarcQuery query = query(
                field("020", " ", " ", "a", "978-80-7422-551-2 (brož.) :", "c", "Kč 249,00"),
                field("020", " ", " ", "a", "80-7422-551-8 (váz.)"),
                field("020", " ", " ", "a", "978-80-7422-552-0", "z", "978-80-7422-552-0 (chybné)"));

        assertEquals(List.of("978-80-7422-551-2", "80-7422-551-8"), query.isbns());
        assertEquals(List.of("978-80-7422-552-0"), query.invalidIsbns());
    }

    @Test
    void isbnsFallBackToTheNationalLibraryField901i() {
        MarcQuery query = query(field("020", " ", " ", "z", "978-80-7422-550-4"),
                field("901", " ", " ", "i", "978-80-7422-553-6 (pdf)"));

        assertEquals(List.of("978-80-7422-553-6"), query.isbns());
    }

    @Test
    void bindingIsTheQualifierAfterTheIsbn() {
        MarcQuery query = query(
                field("020", " ", " ", "a", "978-80-7422-551-2 (brož.) :"),
                field("020", " ", " ", "a", "978-80-260-0791-3 (v knize neuvedeno : váz.)"),
                field("020", " ", " ", "a", "978-80-7422-553-6"),
                field("020", " ", " ", "a", "9788074225536 online"));

        assertEquals(List.of("brož.", "váz."), query.bindings());
    }

    @Test
    void issnsInvalidIssnsAndLinkingIssns() {
        MarcQuery query = query(field("022", "0", " ", "a", "1805-4951", "l", "1805-4943"),
                field("022", " ", " ", "a", "1805-4960", "z", "1805-4960"));

        assertEquals(List.of("1805-4951"), query.issns());
        assertEquals(List.of("1805-4960"), query.invalidIssns());
        assertEquals(List.of("1805-4943"), query.linkingIssns());
    }

    @Test
    void publisherLinksAreThe856WithIndicators42AndInternalLinksThe40s998AndUrl() {
        MarcQuery query = query(
                field("856", "4", "2", "u", "http://www.lipka.cz/zahrady?id=7&lang=cs"),
                field("856", "4", "0", "u", "https://edeposit.nkp.cz/a.pdf"),
                field("856", "4", " ", "u", "http://ignored.example"),
                field("998", " ", " ", "a", "http://aleph.nkp.cz/F/?func=direct&amp;doc_number=000023456"),
                field("URL", " ", " ", "u", "http://edeposit.nkp.cz/@@redirect-to-uuid/4f1c"));

        assertEquals(List.of("http://www.lipka.cz/zahrady?id=7&lang=cs"), query.urls());
        assertEquals(List.of("https://edeposit.nkp.cz/a.pdf", "http://aleph.nkp.cz/F/?func=direct&doc_number=000023456",
                "http://edeposit.nkp.cz/@@redirect-to-uuid/4f1c"), query.internalUrls());
    }

    @Test
    void originalsOfATranslation() {
        assertEquals(List.of("Gardens of South Moravia"),
                query(field("765", "0", " ", "t", "Gardens of South Moravia")).originals());
    }

    @Test
    void authorsAreSplitByTheirIndicators() {
        MarcQuery query = query(
                field("100", "1", " ", "a", "Lipková, Marie", "4", "aut"),
                field("700", "1", " ", "a", "Horák, Tomáš", "c", "PhDr."),
                field("700", "1", " ", "a", "Novotná Eva"),
                field("700", "1", " ", "a", "Platón"),
                field("700", "0", " ", "a", "Jiří", "b", "z Poděbrad", "c", "český král"),
                field("700", "1", "0", "a", "Mácha, Karel Hynek", "c", "básník"),
                field("800", "1", " ", "a", "Lipka, Adam"));

        assertEquals(List.of(
                new Person("Marie", "", "Lipková", ""),
                new Person("Tomáš", "", "Horák", "PhDr."),
                new Person("Eva", "", "Novotná", ""),
                new Person("", "", "Platón", ""),
                new Person("Jiří", "z Poděbrad", "český král", ""),
                new Person("Mácha, Karel Hynek", "", "", "básník"),
                new Person("Adam", "", "Lipka", "")), query.authors());
    }

    @Test
    void authorsWithOnlyOtherRolesAndSubjectHeadingsAreSkipped() {
        MarcQuery query = query(
                field("700", "1", " ", "a", "Dvořák, Jan", "4", "ill"),
                field("700", "1", " ", "a", "Horák, Tomáš", "4", "ill", "4", "aut"),
                field("600", "1", "7", "a", "Lichtenštejn, Karel,", "7", "jn20000701234"),
                field("700", "3", " ", "a", "Lichtenštejnové"));

        assertEquals(List.of(new Person("Tomáš", "", "Horák", "")), query.authors());
    }

    @Test
    void publicationTypeFromAlephFormatAndLeader() {
        assertEquals(PublicationType.CONTINUING, query("-----nam-a22------a-4500", Map.of("FMT", "SE")).publicationType());
        assertEquals(PublicationType.CONTINUING, query("-----nas-a22------a-4500", Map.of()).publicationType());
        assertEquals(PublicationType.CONTINUING, query("-----nai-a22------a-4500", Map.of()).publicationType());
        assertEquals(PublicationType.MONOGRAPHIC, query("-----nim-a22------a-4500", Map.of()).publicationType(),
                "an audiobook is a monograph");
        assertEquals(PublicationType.MULTIPART_MONOGRAPH, query("-----nam-a22------a-4500", Map.of(),
                field("245", "1", "0", "a", "Zahrady", "n", "Díl 2")).publicationType());
        assertEquals(PublicationType.MULTIPART_MONOGRAPH,
                query("-----nam-a22------aa4500", Map.of()).publicationType());
        assertEquals(PublicationType.MONOGRAPHIC, query("-----nam-a22------a-4500", Map.of()).publicationType());
        assertEquals(PublicationType.MONOGRAPHIC, query(null, Map.of()).publicationType());
        assertTrue(query("-----nas-a22------a-4500", Map.of()).isContinuing());
        assertFalse(query().isContinuing());
    }

    @Test
    void hairsAreRemovedFromBothEndsOnly() {
        assertEquals("a-sd", Hairs.remove(",a-sd,-/"));
        assertEquals("Brno", Hairs.remove("[Brno] :"));
        assertEquals("", Hairs.remove(" : "));
        assertEquals("x", Hairs.remove("..x..", "."));
        assertEquals(null, Hairs.remove(null));
    }
}
