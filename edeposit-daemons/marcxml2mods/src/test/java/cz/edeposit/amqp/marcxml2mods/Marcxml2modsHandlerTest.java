package cz.edeposit.amqp.marcxml2mods;

import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionRequest;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionResponse;
import cz.edeposit.amqp.mods.ModsSchema;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler without a broker: conversions, and a ValueError for each kind of bad input. */
class Marcxml2modsHandlerTest {

    private static final String URL = "http://example.org/raw";

    private final Marcxml2modsHandler handler = new Marcxml2modsHandler(new Marcxml2modsSettings(3));
    private final RecordingContext context = new RecordingContext();

    @TempDir
    Path dir;

    static String marcXmlRecord(String id, String title) {
        return "<record><leader>00000nam a2200000   4500</leader>"
                + "<controlfield tag=\"001\">" + id + "</controlfield>"
                + "<controlfield tag=\"008\">230105s2023    xr a   e f    001 0 cze d</controlfield>"
                + (title == null ? "" : "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">" + title
                + " /</subfield></datafield>")
                + "</record>";
    }

    static String collection(String... records) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">"
                + String.join("\n", records) + "</collection>\n";
    }

    private List<String> convert(String marcXml, String uuid, String url) {
        Object reply = handler.handle(new ConversionRequest(marcXml, uuid, url), context);
        List<String> files = ((ConversionResponse) reply).modsFiles();
        for (String file : files) {
            assertTrue(file.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), file);
            ModsSchema.validate(parse(file));
        }
        return files;
    }

    private static Document parse(String xml) {
        try {
            return SafeXml.parse(xml);
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError(e);
        }
    }

    private static String text(String xml, String localName) {
        List<org.w3c.dom.Element> elements = SafeXml.descendants(parse(xml), localName);
        return elements.isEmpty() ? null : elements.get(0).getTextContent().strip();
    }

    private ValueError refused(String marcXml) {
        return assertThrows(ValueError.class,
                () -> handler.handle(new ConversionRequest(marcXml, "u", URL), context));
    }

    @Test
    void answersOneModsDocumentPerRecordInRecordOrder() {
        List<String> files = convert(collection(marcXmlRecord("a", "Alfa"), marcXmlRecord("b", "Beta")), "u", URL);

        assertEquals(2, files.size());
        assertEquals("Alfa", text(files.get(0), "title"));
        assertEquals("MODS_VOLUME_0002", parse(files.get(1)).getDocumentElement().getAttribute("ID"));
        assertEquals("Beta", text(files.get(1), "title"));
        assertEquals("u", text(files.get(1), "identifier"));
        assertEquals(URL, text(files.get(1), "electronicLocator"));
        assertEquals(List.of(), context.progress);
    }

    @Test
    void convertsOaiMarcToo() {
        String oai = "<find-doc><record><metadata><oai_marc><fixfield id=\"LDR\">-----nam-a22------a-4500</fixfield>"
                + "<fixfield id=\"001\">oai1</fixfield><varfield id=\"245\" i1=\"1\" i2=\"0\">"
                + "<subfield label=\"a\">Oai titul :</subfield></varfield></oai_marc></metadata></record></find-doc>";

        assertEquals("Oai titul", text(convert(oai, "u", URL).get(0), "title"));
    }

    @Test
    void withoutUuidAndUrlTheDocumentHasNeitherAndStaysValid() {
        String file = convert(collection(marcXmlRecord("a", "Alfa")), null, "").get(0);

        assertEquals(null, text(file, "identifier"));
        assertEquals(null, text(file, "location"));
    }

    @Test
    void refusesAUuidOrUrlWithACharacterXmlCannotCarryNamingIt() {
        String record = collection(marcXmlRecord("a", "Alfa"));
        for (String bad : List.of("\u0000", "a\u0001b", "\uFFFE", "x\uD800", "\uDC00y")) {
            ValueError uuid = assertThrows(ValueError.class,
                    () -> handler.handle(new ConversionRequest(record, bad, URL), context));
            assertTrue(uuid.getMessage().startsWith("uuid holds the character U+"), uuid.getMessage());
            ValueError url = assertThrows(ValueError.class,
                    () -> handler.handle(new ConversionRequest(record, "u", URL + bad), context));
            assertTrue(url.getMessage().startsWith("url holds the character U+"), url.getMessage());
        }
        // Tabs, line ends and characters beyond the BMP are XML's own.
        assertEquals("a\tb \uD83D\uDCDA", text(convert(record, "a\tb \uD83D\uDCDA", URL).get(0), "identifier"));
    }

    @Test
    void aRecordWithoutATitleIsStillConverted() {
        assertEquals(1, convert(collection(marcXmlRecord("a", null)), "u", URL).size());
    }

    @Test
    void refusesAnEmptyOrMissingMarcXml() {
        assertTrue(refused("").getMessage().contains("empty"));
        assertTrue(refused("  \n").getMessage().contains("empty"));
        assertTrue(refused(null).getMessage().contains("empty"));
    }

    @Test
    void aPathIsNeverOpenedEvenWhenTheFileExists() throws Exception {
        Path file = dir.resolve("records.xml");
        Files.writeString(file, collection(marcXmlRecord("a", "Tajné")));

        ValueError error = refused(file.toString());
        assertTrue(error.getMessage().contains("not XML"), error.getMessage());
        assertTrue(refused("file://" + file).getMessage().contains("not XML"));
    }

    @Test
    void refusesTextThatIsNotWellFormedXml() {
        assertTrue(refused("<collection><record></collection>").getMessage().startsWith("marc_xml: "));
    }

    @Test
    void refusesARecordWhoseXml11TextHoldsAControlCharacterXml10CannotCarry() {
        String xml11 = "<?xml version=\"1.1\"?><record><datafield tag=\"245\" ind1=\"1\" ind2=\"0\">"
                + "<subfield code=\"a\">Ti&#1;tle</subfield></datafield></record>";

        ValueError error = refused(xml11);

        assertTrue(error.getMessage().startsWith("marc_xml: ") && error.getMessage().contains("U+0001"),
                error.getMessage());
    }

    @Test
    void refusesXmlWithoutARecord() {
        assertTrue(refused("<collection xmlns=\"http://www.loc.gov/MARC21/slim\"/>").getMessage().contains("no <record>"));
    }

    @Test
    void refusesADocumentTypeDeclarationSoNoEntityIsEverResolved() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "heslo");
        String hostile = "<!DOCTYPE collection [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + collection(marcXmlRecord("a", "&x;")).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "");

        ValueError error = refused(hostile);
        assertTrue(error.getMessage().contains("DOCTYPE"), error.getMessage());
    }

    @Test
    void refusesMoreRecordsThanTheLimitNamingIt() {
        ValueError error = refused(collection(marcXmlRecord("a", "A"), marcXmlRecord("b", "B"),
                marcXmlRecord("c", "C"), marcXmlRecord("d", "D")));

        assertTrue(error.getMessage().contains("MX2MODS_MAX_RECORDS 3"), error.getMessage());
        assertEquals(3, convert(collection(marcXmlRecord("a", "A"), marcXmlRecord("b", "B"),
                marcXmlRecord("c", "C")), "u", URL).size());
    }

    @Test
    void countsRecordsInTheTextBeforeParsingAnything() {
        // Not even well-formed: the count alone refuses it, before a DOM of a million records could fill the heap.
        ValueError error = refused("<marc:collection><marc:record/><record>\n<record/><marc:record></oops>");

        assertTrue(error.getMessage().contains("holds 4 records, more than MX2MODS_MAX_RECORDS 3"), error.getMessage());
    }

    @Test
    void refusesARequestOfAnotherType() {
        assertThrows(ValueError.class, () -> handler.handle("text", context));
    }
}
