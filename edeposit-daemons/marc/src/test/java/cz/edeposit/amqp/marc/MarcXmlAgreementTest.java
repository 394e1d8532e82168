package cz.edeposit.amqp.marc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader ({@link MarcXml}) against the DOM reader it replaced ({@link DomMarcXml}) and the
 * DOM adaptor aleph uses ({@link MarcDom}): on every input of a corpus of valid, odd and hostile documents,
 * and on random records and random damage to them, all give the same records or all refuse.
 */
class MarcXmlAgreementTest {

    private static final String SLIM = "<record><leader> lead </leader><controlfield tag=\"001\">x1</controlfield>"
            + "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Title :</subfield>"
            + "<subfield code=\"b\">sub</subfield></datafield></record>";

    static List<String> corpus() {
        List<String> corpus = new ArrayList<>(List.of(
                SLIM,
                MarcXmlTest.resource("collection.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SLIM,
                "<?xml version=\"1.1\"?><record><controlfield tag=\"001\">a&#1;b&#x7F;</controlfield></record>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-2\" standalone=\"yes\"?>" + SLIM,
                "<m:collection xmlns:m=\"http://www.loc.gov/MARC21/slim\"><m:record><m:controlfield tag=\"001\">p"
                        + "</m:controlfield><m:datafield tag=\"020\"><m:subfield code=\"a\">1</m:subfield></m:datafield>"
                        + "</m:record></m:collection>",
                "<record><datafield tag=\"020\" x:ind1=\"9\" xmlns:x=\"urn:x\"><subfield x:code=\"a\">no</subfield>"
                        + "<subfield code=\"b\" x:code=\"c\">yes</subfield></datafield><controlfield x:tag=\"002\">n"
                        + "</controlfield></record>",
                "<record><datafield tag=\"500\" ind1=\"\" ind2=\"\"><subfield code=\"\">empty code</subfield>"
                        + "<subfield code=\"a\"></subfield><subfield code=\"a\"/></datafield></record>",
                "<record><datafield tag=\"500\"><subfield code=\"a\">outer <subfield code=\"b\">inner</subfield>"
                        + " tail</subfield><x><subfield code=\"c\">deep</subfield></x></datafield></record>",
                "<record><controlfield tag=\"001\">a<!-- comment -->b<?pi data?>c<![CDATA[<d&e>]]>f&lt;&amp;&gt;"
                        + "&apos;&quot;&#x1F4DA;&#65;</controlfield><controlfield tag=\"001\">again</controlfield>"
                        + "</record>",
                "<record><controlfield tag=\"001\">\u00a0 \t\r\n spaced \u2003\n</controlfield>"
                        + "<leader>first</leader><leader>second</leader><x><leader>third</leader></x></record>",
                "<find-doc><record><metadata><oai_marc><fixfield id=\"LDR\">ldr</fixfield><leader>ignored</leader>"
                        + "<controlfield tag=\"001\"><fixfield id=\"005\">inside</fixfield></controlfield>"
                        + "<varfield id=\"IST\" i1=\"1\"><subfield label=\"a\">v</subfield><subfield code=\"b\">w"
                        + "</subfield></varfield></oai_marc></metadata></record></find-doc>",
                "<collection><record><controlfield tag=\"001\">o</controlfield><record><controlfield tag=\"001\">"
                        + "i</controlfield></record><oai_marc/></record><record/><x:record xmlns:x=\"urn:y\">"
                        + "<leader>l</leader></x:record></collection>",
                "<collection><item><record><controlfield tag=\"001\">1</controlfield></record></item>"
                        + "<record><varfield id=\"245\"><subfield label=\"a\">2</subfield></varfield><oai_marc/>"
                        + "</record></collection>",
                "<record><controlfield tag=\"001\">Kůň 𝄞 \uD83D\uDCDA ž</controlfield></record>",
                "<record xml:space=\"preserve\"><controlfield tag=\"001\" xml:lang=\"cs\">x</controlfield></record>",
                "<find><error>empty set</error></find>",
                "<record></record>",
                nested(SafeXml.MAX_ELEMENT_DEPTH - 1),
                // Hostile or broken: every reader must refuse these.
                nested(SafeXml.MAX_ELEMENT_DEPTH),
                nested(SafeXml.MAX_ELEMENT_DEPTH + 5),
                "<!DOCTYPE record><record/>",
                "<!DOCTYPE record SYSTEM \"http://127.0.0.1:1/x.dtd\"><record/>",
                "<!DOCTYPE record [<!ENTITY e \"x\">]><record><controlfield tag=\"001\">&e;</controlfield></record>",
                "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><record/>",
                "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><record>&b;</record>",
                "<record>&undeclared;</record>",
                "<record><controlfield tag=\"001\">a&#0;b</controlfield></record>",
                "<record><controlfield tag=\"001\">a&#xD800;</controlfield></record>",
                "<record><controlfield tag=\"001\">a\u0001b</controlfield></record>",
                "<record><controlfield tag=\"001\">a\uFFFEb</controlfield></record>",
                "<record><controlfield tag=\"001\">a\uD800b</controlfield></record>",
                "<record><controlfield tag=\"001\">]]></controlfield></record>",
                "<record><controlfield tag=\"001\" tag=\"002\">dup</controlfield></record>",
                "<record><controlfield tag=\"0<1\">x</controlfield></record>",
                "<record><x:y>unbound</x:y></record>",
                "<record/><record/>",
                "text<record/>",
                "<record/>trailing",
                "<record>",
                "<record></recordx>",
                "",
                "   ",
                "<html><body>Service unavailable",
                "<?xml version=\"2.0\"?><record/>",
                "<?xml encoding=\"UTF-8\"?><record/>",
                "<record><?xml version=\"1.0\"?></record>",
                "\uFEFF<record/>",
                "<record a=\"1\" b='2' c=\"&lt;\" d=\"&#x9;\t\n\"/>"));
        return corpus;
    }

    private static String nested(int depth) {
        return "<record>" + "<x>".repeat(depth - 1) + "<controlfield tag=\"001\">deep</controlfield>"
                + "</x>".repeat(depth - 1) + "</record>";
    }

    @Test
    void everyReaderGivesTheSameRecordsOrTheSameRefusalOnTheCorpus() {
        int refused = 0;
        for (String xml : corpus()) {
            refused += agree(xml) ? 0 : 1;
        }
        assertTrue(refused >= 30, "the corpus exercises refusals: " + refused);
    }

    @Test
    void randomRecordsAndRandomDamageToThemGiveTheSameVerdictAndRecords() {
        Random random = new Random(22);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            String xml = MarcXmlWriter.write(RandomRecords.record(random));
            agree(xml);
            refused += agree(damaged(xml, random)) ? 0 : 1;
        }
        assertTrue(refused > 50, "damage makes documents the readers refuse: " + refused);
    }

    @Test
    void namesTheLineAndColumnOfWhatItRefuses() {
        MarcFormatException broken = assertThrows(MarcFormatException.class,
                () -> MarcXml.parse("<record>\n<controlfield tag=\"001\">x</controlfeld>\n</record>"));
        assertTrue(broken.getMessage().contains("line 2, column"), broken.getMessage());
        MarcFormatException doctype = assertThrows(MarcFormatException.class,
                () -> MarcXml.parse("<?xml version=\"1.0\"?>\n<!DOCTYPE record>\n<record/>"));
        assertTrue(doctype.getMessage().contains("line 2, column") && doctype.getMessage().contains("DOCTYPE"),
                doctype.getMessage());
        MarcFormatException deep = assertThrows(MarcFormatException.class,
                () -> MarcXml.parse(nested(SafeXml.MAX_ELEMENT_DEPTH + 1)));
        assertTrue(deep.getMessage().contains("deeper than " + SafeXml.MAX_ELEMENT_DEPTH), deep.getMessage());
    }

    /** Returns whether the readers accepted {@code xml}; fails when they disagree. */
    private static boolean agree(String xml) {
        Object dom = outcome(DomMarcXml::parseAll, xml);
        assertEquals(dom, outcome(MarcXml::parseAll, xml), "parseAll of " + xml);
        assertEquals(dom, outcome(text -> MarcDom.readAll(dom(text)), xml), "MarcDom.readAll of " + xml);
        Object first = outcome(DomMarcXml::parse, xml);
        assertEquals(first, outcome(MarcXml::parse, xml), "parse of " + xml);
        assertEquals(first, outcome(text -> MarcDom.read(dom(text)), xml), "MarcDom.read of " + xml);
        return !(dom instanceof Refused);
    }

    private static org.w3c.dom.Document dom(String xml) {
        try {
            return SafeXml.parse(xml);
        } catch (org.xml.sax.SAXException e) {
            throw new MarcFormatException(e.getMessage(), e);
        }
    }

    /** A refusal, equal to every other: the readers word their messages differently. */
    private record Refused() {
    }

    private static Object outcome(Function<String, Object> reader, String xml) {
        try {
            return reader.apply(xml);
        } catch (MarcFormatException e) {
            assertFalse(e.getMessage().isBlank());
            return new Refused();
        }
    }

    private static String damaged(String xml, Random random) {
        StringBuilder out = new StringBuilder(xml);
        int at = random.nextInt(out.length());
        switch (random.nextInt(4)) {
            case 0 -> out.deleteCharAt(at);
            case 1 -> out.insert(at, "<>&\"'/=!?[]-;#x\u0000\u0001\uFFFE".charAt(random.nextInt(17)));
            case 2 -> out.insert(at, List.of("<!DOCTYPE r>", "&amp;", "&#0;", "<![CDATA[x]]>", "<!--c-->", "<a>",
                    "</a>", "&e;", "<?p?>", "xmlns:q=\"u\" q:tag=\"1\"").get(random.nextInt(10)));
            default -> out.setLength(at);
        }
        return out.toString();
    }

    /** The same damage applies to records that only the map of control fields tells apart. */
    @Test
    void aRecordMapKeepsDocumentOrderInBothReaders() {
        String xml = "<record><controlfield tag=\"2\">b</controlfield><controlfield tag=\"1\">a</controlfield></record>";
        assertEquals(List.copyOf(DomMarcXml.parse(xml).controlFields().entrySet()),
                List.copyOf(MarcXml.parse(xml).controlFields().entrySet()));
        assertEquals(Map.of("1", "a", "2", "b"), MarcXml.parse(xml).controlFields());
    }
}
