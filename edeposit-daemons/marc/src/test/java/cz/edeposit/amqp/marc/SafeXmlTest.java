package cz.edeposit.amqp.marc;

import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser's own limits on text that comes from outside. */
class SafeXmlTest {

    private static String nested(int depth) {
        return "<x>".repeat(depth) + "deep" + "</x>".repeat(depth);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws SAXException {
        assertEquals("deep", SafeXml.parse(nested(SafeXml.MAX_ELEMENT_DEPTH)).getDocumentElement().getTextContent());
    }

    @Test
    void refusesNestingBeyondTheLimitBeforeAnythingWalksTheTree() {
        SAXException error = assertThrows(SAXException.class, () -> SafeXml.parse(nested(SafeXml.MAX_ELEMENT_DEPTH + 1)));
        assertTrue(error.getMessage().contains("maxElementDepth"), error.getMessage());
    }
}
