package cz.edeposit.amqp.mods;

import static cz.edeposit.amqp.mods.ModsAssert.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.marc.MarcXml;
import cz.edeposit.amqp.marc.SafeXml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class MarcToModsCasesTest {

    private static final String FIXED = MarcToModsMonographTest.FIXED;

    private static TestRecord titled(String title) {
        return TestRecord.book().control("001", "id-" + title).control("008", FIXED).field("245", "10", "a", title);
    }

    private static ModsDocument one(TestRecord record, String uuid, String url) {
        List<ModsDocument> documents = MarcToMods.convert(MarcXml.parseAll(record.marcXml()), uuid, url);
        assertEquals(1, documents.size());
        valid(documents.get(0).xml());
        return documents.get(0);
    }

    private static List<String> texts(String xml, String localName) {
        List<String> out = new ArrayList<>();
        for (Element element : SafeXml.descendants(parse(xml), localName)) {
            out.add(element.getTextContent().strip());
        }
        return out;
    }

    private static Document parse(String xml) {
        try {
            return SafeXml.parse(xml);
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void multipartMonographHasPartNumberPartNameAndItsIssuance() {
        ModsDocument mods = one(TestRecord.book().control("008", FIXED).field("245", "10", "a", "Sebrané spisy.", "n", "Díl 2,",
                "p", "Prózy /"), "u", "http://example.org/raw");

        assertEquals(List.of("Díl 2"), texts(mods.xml(), "partNumber"));
        assertEquals(List.of("Prózy"), texts(mods.xml(), "partName"));
        assertEquals(List.of("multipart monograph"), texts(mods.xml(), "issuance"));
    }

    @Test
    void monographIsASingleUnit() {
        assertEquals(List.of("single unit"), texts(one(titled("Kniha"), "u", null).xml(), "issuance"));
    }

    @Test
    void continuingResourceGoesThroughTheMonographMappingWithAWarning() {
        ModsDocument mods = one(titled("Zpravodaj").leader("00000nas a2200000   4500"), "u", null);

        assertEquals(List.of("single unit"), texts(mods.xml(), "issuance"));
        assertEquals(1, mods.warnings().size());
        assertTrue(mods.warnings().get(0).contains("continuing resource"), mods.warnings().get(0));
    }

    @Test
    void theFirst856OfTheResourceItselfIsTheLocationEvenWhenAUrlIsGiven() {
        TestRecord record = titled("Kniha")
                .field("856", "42", "u", "http://example.org/related")
                .field("856", "41", "u", "http://example.org/version")
                .field("856", "4 ", "u", "http://example.org/blank-indicator")
                .field("856", "40", "u", "http://example.org/resource");

        assertEquals(List.of("http://example.org/blank-indicator"),
                texts(one(record, "u", "http://example.org/raw").xml(), "electronicLocator"));
    }

    @Test
    void aRelatedSiteNeverBecomesTheLocationTheRequestUrlDoes() {
        TestRecord record = titled("Kniha").field("856", "42", "u", "http://example.org/related");

        assertEquals(List.of("http://example.org/raw"),
                texts(one(record, "u", "http://example.org/raw").xml(), "electronicLocator"));
    }

    @Test
    void withoutUuidAndUrlThereIsNoUuidIdentifierNorLocationAndTheDocumentStaysValid() {
        for (String missing : new String[] {null, "", "  "}) {
            String xml = one(titled("Kniha"), missing, missing).xml();

            assertEquals(List.of(), texts(xml, "location"));
            assertTrue(parse(xml).getElementsByTagNameNS(ModsBuilder.MODS_NS, "identifier").getLength() == 0, xml);
        }
    }

    @Test
    void invalidIsbnsAndIssnsAreMarkedInvalid() {
        String xml = one(titled("Kniha").field("020", "  ", "z", "80-000-0000-0 (chyb.)")
                .field("022", "  ", "y", "0000-0000"), null, null).xml();

        List<Element> identifiers = SafeXml.descendants(parse(xml), "identifier");
        assertEquals(2, identifiers.size());
        for (Element identifier : identifiers) {
            assertEquals("yes", identifier.getAttribute("invalid"));
        }
        assertEquals("80-000-0000-0 (chyb.)", identifiers.get(0).getTextContent());
    }

    @Test
    void severalRecordsGiveOneDocumentEachInOrderWithRunningIds() {
        String xml = TestRecord.collection(List.of(titled("První"), titled("Druhá"), titled("Třetí")));

        List<ModsDocument> documents = MarcToMods.convert(MarcXml.parseAll(xml), "u", "http://example.org/raw");

        assertEquals(3, documents.size());
        String[] titles = {"První", "Druhá", "Třetí"};
        for (int i = 0; i < 3; i++) {
            Document document = valid(documents.get(i).xml());
            assertEquals("MODS_VOLUME_000" + (i + 1), document.getDocumentElement().getAttribute("ID"));
            assertEquals(List.of(titles[i]), texts(documents.get(i).xml(), "title"));
        }
    }

    @Test
    void aRecordWithoutATitleIsConvertedWithAWarning() {
        ModsDocument mods = one(TestRecord.book().control("001", "bez-nazvu").control("008", FIXED), "u", null);

        assertEquals(List.of(), texts(mods.xml(), "titleInfo"));
        assertTrue(mods.warnings().get(0).contains("no title"), mods.warnings().toString());
    }

    @Test
    void warningsShowTheRecordNumberWithoutLineBreaksSoNoLogLineCanBeForged() {
        ModsDocument mods = one(TestRecord.book().control("001", "x\n12:00 INFO forged").control("008", FIXED), "u", null);

        assertEquals("MODS_VOLUME_0001: record x?12:00 INFO forged has no title (245)", mods.warnings().get(0));
        assertEquals("(no 001)", MarcToMods.printable(null));
    }

    @Test
    void conferenceAndCorporateNamesKeepTheirPartsAndRoles() {
        TestRecord record = titled("Sborník")
                .field("111", "2 ", "a", "Konference o testech", "n", "(3. :", "d", "2023 :", "c", "Brno)")
                .field("710", "2 ", "a", "Univerzita.", "b", "Fakulta testů.", "4", "pbl")
                .field("700", "1 ", "a", "Král, Jan,", "c", "Ing.", "d", "1950-2020", "e", "editor", "4", "edt");

        String xml = one(record, null, null).xml();

        assertEquals(List.of("Konference o testech (3. : 2023 : Brno)", "Univerzita", "Fakulta testů", "Král, Jan",
                "Ing", "1950-2020"), texts(xml, "namePart"));
        assertEquals(List.of("pbl", "edt", "editor"), texts(xml, "roleTerm"));
    }

    @Test
    void languagesOf008And041AppearOnceEach() {
        String xml = one(titled("Kniha").field("041", "0 ", "a", "cze", "a", "eng", "b", "ENG", "a", "ger"),
                null, null).xml();

        assertEquals(List.of("cze", "eng", "ger"), texts(xml, "languageTerm"));
    }

    @Test
    void subjectsTakeTheirAuthorityFromSubfield2OrTheThesaurusIndicator() {
        String xml = one(titled("Kniha")
                .field("650", "00", "a", "Shells (Computer programs)", "x", "Handbooks.", "z", "Czechia", "y", "21st century")
                .field("600", "17", "a", "Čapek, Karel,", "d", "1890-1938", "2", "czenas"), null, null).xml();

        List<Element> subjects = SafeXml.descendants(parse(xml), "subject");
        assertEquals("lcsh", subjects.get(0).getAttribute("authority"));
        assertEquals("czenas", subjects.get(1).getAttribute("authority"));
        assertEquals(List.of("Shells (Computer programs)", "Handbooks."), texts(xml, "topic"));
        assertEquals(List.of("Czechia"), texts(xml, "geographic"));
        assertEquals(List.of("21st century"), texts(xml, "temporal"));
        assertEquals(List.of("Kniha", "Čapek, Karel", "1890-1938").subList(1, 3),
                texts(xml, "namePart"));
    }

    @Test
    void seriesAndOtherEditionsBecomeRelatedItems() {
        String xml = one(titled("Kniha").field("490", "0 ", "a", "Edice Test ;", "v", "12")
                .field("776", "08", "t", "Kniha (tištěná)", "z", "978-80-000-0002-5"), null, null).xml();

        List<Element> items = SafeXml.descendants(parse(xml), "relatedItem");
        assertEquals("series", items.get(0).getAttribute("type"));
        assertEquals("otherFormat", items.get(1).getAttribute("type"));
        assertEquals(List.of("Kniha", "Edice Test", "Kniha (tištěná)"), texts(xml, "title"));
    }
}
