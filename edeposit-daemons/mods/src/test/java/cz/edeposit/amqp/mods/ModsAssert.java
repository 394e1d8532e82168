package cz.edeposit.amqp.mods;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.marc.SafeXml;
import org.w3c.dom.Document;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/** Checks on produced MODS text: schema-valid, and canonically equal to a hand-written expectation. */
final class ModsAssert {

    private ModsAssert() {
    }

    /** Parses {@code xml} again and validates it, so that what we send, not only our DOM, is checked. */
    static Document valid(String xml) {
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "starts with the XML declaration");
        try {
            Document document = SafeXml.parse(xml);
            ModsSchema.validate(document);
            return document;
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError("not well-formed: " + e.getMessage(), e);
        }
    }

    /**
     * Whitespace, namespace prefixes and attribute order do not count, nor {@code xsi:schemaLocation};
     * element order does.
     */
    static void sameMods(String expected, String actual) {
        valid(actual);
        Diff diff = DiffBuilder.compare(expected).withTest(actual).ignoreWhitespace().checkForSimilar()
                .withAttributeFilter(attribute -> !"schemaLocation".equals(attribute.getLocalName()))
                .build();
        assertFalse(diff.hasDifferences(), () -> diff + "\n--- actual:\n" + actual);
    }
}
