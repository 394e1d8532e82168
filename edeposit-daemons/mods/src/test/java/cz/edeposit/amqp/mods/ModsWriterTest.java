package cz.edeposit.amqp.mods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.MarcXml;
import cz.edeposit.amqp.marc.SafeXml;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The MODS writer writes what the JDK's identity Transformer, which it replaced, wrote: the same characters. */
class ModsWriterTest {

    private int written;
    private int failures;
    private int refused;

    private static boolean notXml(String value) {
        return value != null && SafeXml.firstNonXmlCharacter(value.strip()) >= 0;
    }

    /** Characters a serializer treats specially, XML-legal ones for the MARC values (they come through a parser). */
    private static final List<String> LEGAL = List.of("a", "é", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\u007f",
            "\u0085", "\u009f", "\u00a0", "\u2028", "\u2029", "\ud834\udd1e", "\ufffd", "€", "\r\n");
    /**
     * And what a request's uuid or url may carry besides (JSON strings): every C0 control, lone
     * surrogates, non-characters.
     */
    private static final List<String> ANY = java.util.stream.Stream.concat(LEGAL.stream(), java.util.stream.Stream.of(
            "]]>", "\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\r", "\u001f", "\ufffe", "\uffff", "\udc00", "\ud800"))
            .toList();

    @Test
    void writesTheTestsMappingsAsTheTransformerDid() {
        List<TestRecord> records = List.of(MarcToModsMonographTest.ebook(), MarcToModsMonographTest.ebook().leader(
                "00000nam a2200000 i 4500"), TestRecord.book().field("245", "10", "a", "Jen název"));
        for (TestRecord record : records) {
            for (String url : new String[] {null, "http://example.org/a?b=1&c=<2>"}) {
                same(record.parsed(), "uuid-1", url);
                same(MarcXml.parse(record.oaiMarc()), null, url);
            }
        }
    }

    @Test
    void writesHostileCharactersInTextAndAttributesAsTheTransformerDid() {
        Random random = new Random(22);
        for (int i = 0; i < 300; i++) {
            TestRecord record = TestRecord.book().control("001", hostile(random, LEGAL)).control("003", hostile(random, LEGAL))
                    .control("008", MarcToModsMonographTest.FIXED)
                    .field("041", "1 ", "a", "cze" + hostile(random, LEGAL))
                    .field("100", "1 ", "a", hostile(random, LEGAL), "4", hostile(random, LEGAL))
                    .field("245", "10", "a", hostile(random, LEGAL), "b", hostile(random, LEGAL))
                    .field("500", "  ", "a", hostile(random, LEGAL))
                    .field("650", " 7", "a", hostile(random, LEGAL), "2", hostile(random, LEGAL))
                    .field("856", "40", "u", hostile(random, LEGAL));
            same(record.parsed(), hostile(random, ANY), hostile(random, ANY));
        }
        assertTrue(written > 50 && written + refused == 300, "written " + written + ", refused " + refused);
    }

    @Test
    void writesSurrogatePairsAsTheTransformerDidAndNeverALoneSurrogate() {
        MarcRecord record = TestRecord.book().field("245", "10", "a", "Název").parsed();
        for (String uuid : List.of("a\ud800", "a\udc00b", "\udc00", "a\ud800b", "a\ud800\ud800\udc00b", "a\ud834\udd1e")) {
            same(record, uuid, null);
        }
        assertEquals(5, refused, "a surrogate without its pair is refused by the builder");
        assertEquals(1, written);
    }

    @Test
    void refusesWhatTheBuilderNeverMakes() {
        ModsBuilder mods = new ModsBuilder("MODS_VOLUME_0001");
        Element title = mods.topText("note", "text");
        title.appendChild(mods.document().createElementNS(ModsBuilder.MODS_NS, "mods:child"));
        assertThrows(IllegalStateException.class, () -> ModsWriter.write(mods.document()));

        ModsBuilder foreign = new ModsBuilder("MODS_VOLUME_0001");
        foreign.root().appendChild(foreign.document().createElementNS("urn:other", "x:other"));
        assertThrows(IllegalStateException.class, () -> ModsWriter.write(foreign.document()));

        ModsBuilder namespaced = new ModsBuilder("MODS_VOLUME_0001");
        namespaced.topText("note", "text").setAttributeNS("urn:other", "x:type", "a");
        assertThrows(IllegalStateException.class, () -> ModsWriter.write(namespaced.document()));
    }

    private static String hostile(Random random, List<String> alphabet) {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "x" : "");
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.get(random.nextInt(alphabet.size())));
        }
        return out.append(random.nextBoolean() ? "y" : "").toString();
    }

    /**
     * The same text from both, or a failure of both; a high surrogate without its low one is always
     * refused (the Transformer failed on it, or left it out, depending on its buffer).
     */
    private void same(MarcRecord record, String uuid, String url) {
        Document document;
        try {
            document = MarcToMods.map(record, 1, uuid, url, new ArrayList<>());
        } catch (UnwritableValueException e) {
            // The builder refuses what XML 1.0 cannot carry before the writer sees it (ModsValidByConstructionTest).
            assertTrue(notXml(uuid) || notXml(url), uuid + " / " + url);
            refused++;
            return;
        }
        if (unpairedHigh(document.getDocumentElement())) {
            assertThrows(IllegalStateException.class, () -> ModsWriter.write(document));
            failures++;
            return;
        }
        String expected;
        try {
            expected = transformed(document);
        } catch (TransformerException e) {
            throw new AssertionError("the Transformer failed on " + uuid + " / " + url, e);
        }
        assertEquals(expected, ModsWriter.write(document));
        written++;
    }

    /** Whether a text of the tree holds a high surrogate without its low one (only the uuid and url can). */
    private static boolean unpairedHigh(org.w3c.dom.Node node) {
        if (node.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
            return unpairedHigh(node.getNodeValue());
        }
        for (org.w3c.dom.Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (unpairedHigh(child)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unpairedHigh(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i))
                    && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))) {
                return true;
            }
        }
        return false;
    }

    /** What MarcToMods sent before ModsWriter: the declaration, then the JDK's identity transform. */
    private static String transformed(Document document) throws TransformerException {
        Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
        StringWriter out = new StringWriter();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }
}
