package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.marc.EPublication;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtpMonitorMetadataTest {

    private static final Map<String, String> CZECH = Map.of(
            "ISBN", "978-80-7422-551-2", "Vazba", "brož.", "Název", "Žluťoučký kůň", "Místo vydání", "Brno",
            "Nakladatel/Vydavatel", "Nakladatelství Ústí", "Datum vydání", "2026", "Pořadí vydání", "1. vydání",
            "Zpracovatel záznamu", "Jiří Čermák");

    private static EPublication read(String filename, String text) throws Exception {
        return FtpMonitorFields.publication(FtpMonitorMetadataParser.parse(filename, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertCzech(EPublication publication) {
        assertEquals("978-80-7422-551-2", publication.isbn());
        assertEquals("brož.", publication.vazba());
        assertEquals("Žluťoučký kůň", publication.nazev());
        assertEquals("Brno", publication.mistoVydani());
        assertEquals("Nakladatelství Ústí", publication.nakladatelVydavatel());
        assertEquals("2026", publication.datumVydani());
        assertEquals("1. vydání", publication.poradiVydani());
        assertEquals("Jiří Čermák", publication.zpracovatelZaznamu());
        assertNull(publication.podnazev());
        assertEquals(List.of(), publication.autori());
    }

    @Test
    void jsonAsAnObjectOrAFlatArrayWithCzechKeys() throws Exception {
        StringBuilder object = new StringBuilder("{");
        StringBuilder array = new StringBuilder("[");
        CZECH.forEach((k, v) -> {
            object.append('"').append(k).append("\": \"").append(v).append("\",");
            array.append('"').append(k).append("\", \"").append(v).append("\",");
        });
        assertCzech(read("kniha.json", object.append("\"Cena\": 250}").toString()));
        assertEquals("250", read("kniha.JSON", object.toString()).cena());
        EPublication fromArray = read("kniha.json", array.append("\"Podnázev\", \"x\"]").toString());
        assertEquals("x", fromArray.podnazev());
        assertCzech(new EPublication(fromArray.isbn(), fromArray.invalidIsbn(), null, fromArray.nazev(), null,
                fromArray.vazba(), null, null, null, fromArray.nakladatelVydavatel(), fromArray.datumVydani(),
                fromArray.poradiVydani(), fromArray.zpracovatelZaznamu(), null, null, fromArray.mistoVydani(), List.of(),
                List.of(), List.of(), List.of(), null));
    }

    @Test
    void csvWithTheSeparatorSniffedAndQuotesStripped() throws Exception {
        for (String separator : new String[] {";", ",", "\t"}) {
            StringBuilder csv = new StringBuilder();
            CZECH.forEach((k, v) -> csv.append('"').append(k).append('"').append(separator).append('"').append(v).append("\"\r\n"));
            assertCzech(read("kniha.csv", csv.append("\n").toString()));
        }
        assertEquals("Brno, Morava", read("k.csv", "isbn;80-7422-502-X\nvazba;v\nnazev;n\nmisto;\"Brno, Morava\"\n"
                + "nakladatel;n\ndatum;d\nporadi;p\nzpracovatel;z\n").mistoVydani());
    }

    @Test
    void xmlItemsWithKeyAttributesAndNoDoctype() throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><root>");
        CZECH.forEach((k, v) -> xml.append("<item key=\"").append(k).append("\">").append(v).append("</item>"));
        assertCzech(read("kniha.xml", xml.append("</root>").toString()));
        var bad = assertThrows(FtpMonitorMetadataParser.BadMetadata.class, () -> read("x.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><root><item key=\"isbn\">&e;</item></root>"));
        assertTrue(bad.getMessage().startsWith("cannot be read as XML"), bad.getMessage());
    }

    @Test
    void yamlAsAMappingOrAFlatList() throws Exception {
        StringBuilder mapping = new StringBuilder();
        StringBuilder list = new StringBuilder();
        CZECH.forEach((k, v) -> {
            mapping.append('"').append(k).append("\": \"").append(v).append("\"\n");
            list.append("- \"").append(k).append("\"\n- \"").append(v).append("\"\n");
        });
        assertCzech(read("kniha.yaml", mapping.toString()));
        assertCzech(read("kniha.yml", list.toString()));
    }

    @Test
    void keywordsMatchWholeWordsWithoutAccents() {
        assertEquals("nazev", FtpMonitorFields.keyword("NÁZEV knihy"));
        assertEquals("podnazev", FtpMonitorFields.keyword("Podnázev"));
        assertEquals("misto", FtpMonitorFields.keyword("místo_vydání"));
        assertNull(FtpMonitorFields.keyword("nazevcasti"));
        assertNull(FtpMonitorFields.keyword("autor"));
    }

    @Test
    void missingKeywordsABadIsbnAndUnreadableFilesAreNamed() {
        var missing = assertThrows(FtpMonitorMetadataParser.BadMetadata.class,
                () -> read("k.json", "{\"isbn\": \"978-80-7422-551-2\", \"nazev\": \"n\"}"));
        assertEquals("missing keywords: vazba, misto, nakladatel, datum, poradi, zpracovatel", missing.getMessage());
        var isbn = assertThrows(FtpMonitorMetadataParser.BadMetadata.class,
                () -> read("k.csv", "isbn;978-80-7422-551-3\nvazba;v\nnazev;n\nmisto;m\nnakladatel;n\ndatum;d\nporadi;p\nzpracovatel;z\n"));
        assertEquals("the ISBN '978-80-7422-551-3' is not valid", isbn.getMessage());
        for (String[] bad : new String[][] {{"k.json", "{not json"}, {"k.json", "[\"odd\"]"}, {"k.json", "{\"isbn\": [1]}"},
                {"k.yaml", "a: [b"}, {"k.csv", "lonely\n"}, {"k.xml", "<root><item>v</item></root>"}, {"k.xml", "<root>"}}) {
            assertThrows(FtpMonitorMetadataParser.BadMetadata.class, () -> read(bad[0], bad[1]), bad[1]);
        }
        assertThrows(FtpMonitorMetadataParser.BadMetadata.class,
                () -> FtpMonitorMetadataParser.parse("k.json", new byte[] {'{', (byte) 0xff, '}'}));
    }
}
