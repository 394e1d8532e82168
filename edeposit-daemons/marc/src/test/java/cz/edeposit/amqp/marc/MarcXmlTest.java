package cz.edeposit.amqp.marc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarcXmlTest {

    private static final String OAI_RECORD = """
            <?xml version = "1.0" encoding = "UTF-8"?>
            <find-doc>
            <record>
            <metadata>
            <oai_marc>
            <fixfield id="LDR">-----nam-a22------a-4500</fixfield>
            <fixfield id="FMT">BK</fixfield>
            <varfield id="BAS" i1=" " i2=" ">
            <subfield label="a">49</subfield>
            </varfield>
            <fixfield id="001">  nkc20160023456
            </fixfield>
            <varfield id="245" i1="1" i2="0">
            <subfield label="a">Zahrady jižní Moravy :</subfield>
            <subfield label="b">  průvodce /  </subfield>
            </varfield>
            <varfield id="IST" i1="1">
            <subfield label="a">jp20160415</subfield>
            <subfield label="b">kola</subfield>
            <subfield>without label</subfield>
            </varfield>
            <varfield i1="1" i2="1">
            <subfield label="a">field without id</subfield>
            </varfield>
            <varfield id="IST" i1="1" i2=" ">
            <subfield label="a">vr20160422</subfield>
            <subfield label="b">maba</subfield>
            <subfield label="b">jiho</subfield>
            </varfield>
            </oai_marc>
            </metadata>
            </record>
            <session-id>XYZ</session-id>
            </find-doc>
            """;

    @Test
    void readsOaiMarcWithAlephLocalTagsAndTheLeaderFromLdr() {
        MarcRecord record = MarcXml.parse(OAI_RECORD);

        assertTrue(record.oaiMarc());
        assertEquals("-----nam-a22------a-4500", record.leader());
        assertEquals("BK", record.controlField("FMT"));
        assertEquals("nkc20160023456", record.controlField("001"), "values are trimmed");
        assertEquals(List.of("49"), record.subfields("BAS", "a"));
        assertEquals(List.of("Zahrady jižní Moravy :"), record.subfields("245", "a"));
        assertEquals(List.of("průvodce /"), record.subfields("245", "b"));
        assertEquals(List.of("maba", "jiho"), record.subfields("IST", "b", "1", " ").subList(1, 3));
    }

    @Test
    void keepsFieldOrderDefaultsMissingIndicatorsAndSkipsFieldsWithoutTagOrCode() {
        MarcRecord record = MarcXml.parse(OAI_RECORD);

        assertEquals(List.of("BAS", "245", "IST", "IST"), record.dataFields().stream().map(DataField::tag).toList());
        DataField firstIst = record.dataFields("IST").get(0);
        assertEquals(" ", firstIst.i2());
        assertEquals(List.of(new Subfield("a", "jp20160415"), new Subfield("b", "kola")), firstIst.subfields());
        assertEquals(List.of("jp20160415", "vr20160422"), record.subfields("IST", "a"));
        assertTrue(record.hasField("FMT") && record.hasField("IST") && !record.hasField("DEL"));
    }

    @Test
    void aRepeatedControlFieldKeepsItsLastValue() {
        MarcRecord record = MarcXml.parse("<record><oai_marc><fixfield id=\"001\">first</fixfield>"
                + "<fixfield id=\"001\">second</fixfield><fixfield>no id</fixfield></oai_marc></record>");

        assertEquals(Map.of("001", "second"), record.controlFields());
    }

    @Test
    void readsANamespacedMarcXmlCollection() {
        List<MarcRecord> records = MarcXml.parseAll(resource("collection.xml"));

        assertEquals(2, records.size());
        MarcRecord first = records.get(0);
        assertFalse(first.oaiMarc());
        assertEquals("-----cam-a22------a-4500", first.leader());
        assertEquals("cpk20160011111", first.controlField("001"));
        assertEquals(List.of("80-7422-502-X (brož.) :"), first.subfields("020", "a"));
        DataField title = first.dataFields("245").get(0);
        assertEquals("1", title.i1());
        assertEquals("0", title.i2());
        assertEquals("cpk20160022222", records.get(1).controlField("001"));
        assertEquals(first, MarcXml.parse(resource("collection.xml")), "parse gives the first record");
    }

    @Test
    void readsMarcXmlWithoutANamespace() {
        MarcRecord record = MarcXml.parse("""
                <record><leader>-----nam-a22------a-4500</leader>
                <controlfield tag="001">x1</controlfield>
                <datafield tag="020" ind1=" " ind2=" "><subfield code="a">80-7422-551-8</subfield></datafield>
                </record>""");

        assertEquals("x1", record.controlField("001"));
        assertEquals(List.of("80-7422-551-8"), record.subfields("020", "a"));
        assertNull(record.controlField("LDR"));
    }

    @Test
    void countsRecordsInsideAnotherRecordOnce() {
        List<MarcRecord> records = MarcXml.parseAll("""
                <collection><record><metadata><oai_marc>
                <fixfield id="001">outer</fixfield>
                </oai_marc></metadata></record></collection>""");

        assertEquals(1, records.size());
        assertEquals("outer", records.get(0).controlField("001"));
    }

    @Test
    void reportsTextWithoutARecordOrNotXmlAsMarcFormatException() {
        MarcFormatException noRecord = assertThrows(MarcFormatException.class,
                () -> MarcXml.parse("<find><error>empty set</error></find>"));
        assertTrue(noRecord.getMessage().contains("no <record>"), noRecord.getMessage());
        assertThrows(MarcFormatException.class, () -> MarcXml.parse("<html><body>Service unavailable"));
        assertThrows(MarcFormatException.class, () -> MarcXml.parse(null));
    }

    @Test
    void refusesADocumentTypeSoNoExternalEntityIsEverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE record [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<record><controlfield tag=\"001\">&leak;</controlfield></record>";

        MarcFormatException error = assertThrows(MarcFormatException.class, () -> MarcXml.parse(xxe));

        assertFalse(error.getMessage().contains("TOP-SECRET"));
        assertTrue(error.getMessage().contains("DOCTYPE"), error.getMessage());
    }

    @Test
    void refusesInternalEntityExpansion() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<record><controlfield tag=\"001\">&b;</controlfield></record>";

        assertThrows(MarcFormatException.class, () -> MarcXml.parse(laughs));
    }

    @Test
    void writesMarcXmlThatReadsBackToTheSameRecord() {
        MarcRecord oai = MarcXml.parse(OAI_RECORD);

        String written = MarcXmlWriter.write(oai);
        MarcRecord back = MarcXml.parse(written);

        assertTrue(written.contains("<record xmlns=\"" + MarcXmlWriter.NAMESPACE + "\">"), written);
        assertTrue(written.contains("<leader>-----nam-a22------a-4500</leader>"), written);
        assertFalse(written.contains("tag=\"LDR\""), "the LDR fixfield becomes the leader");
        assertFalse(back.oaiMarc());
        assertEquals(oai.leader(), back.leader());
        assertEquals(Map.of("FMT", "BK", "001", "nkc20160023456"), back.controlFields());
        assertEquals(oai.dataFields(), back.dataFields());
    }

    @Test
    void escapesMarkupCharactersWhenWriting() {
        MarcRecord record = new MarcRecord(null, Map.of("001", "a<b"),
                List.of(new DataField("856", "4", "2", List.of(new Subfield("u", "http://x.cz/?a=1&b=2")))), false);

        MarcRecord back = MarcXml.parse(MarcXmlWriter.write(record));

        assertEquals("a<b", back.controlField("001"));
        assertEquals(List.of("http://x.cz/?a=1&b=2"), back.subfields("856", "u", "4", "2"));
    }

    static String resource(String name) {
        try (InputStream in = MarcXmlTest.class.getResourceAsStream("/marc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
