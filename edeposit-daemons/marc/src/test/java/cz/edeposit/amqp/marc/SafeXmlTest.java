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

    @Test
    void findsTheFirstCharacterXmlCannotCarry() {
        assertEquals(-1, SafeXml.firstNonXmlCharacter(""));
        assertEquals(-1, SafeXml.firstNonXmlCharacter("Kůň\t\n\r \uD7FF\uE000\uFFFD \uD83D\uDCDA \uDBFF\uDFFF"));
        assertEquals(0, SafeXml.firstNonXmlCharacter("\u0000"));
        assertEquals(2, SafeXml.firstNonXmlCharacter("ab\u001Fc"));
        assertEquals(1, SafeXml.firstNonXmlCharacter("a\uFFFE"));
        assertEquals(1, SafeXml.firstNonXmlCharacter("a\uFFFF"));
        assertEquals(2, SafeXml.firstNonXmlCharacter("\uD83D\uDCDA\uD800"), "a high surrogate alone, after a pair");
        assertEquals(0, SafeXml.firstNonXmlCharacter("\uDC00a"), "a low surrogate alone");
        assertEquals(1, SafeXml.firstNonXmlCharacter("a\uD800b"));
    }
}
