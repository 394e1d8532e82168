package cz.edeposit.amqp.pdfgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;

class RstStyleTest {

    @Test
    void readsThePageAndTheFontSizesOfAStylesheet() {
        RstStyle style = RstStyle.parse("{\"pageSetup\": {\"size\": \"A5\", \"margin-top\": \"1cm\"},"
                + " \"styles\": [[\"heading2\", {\"fontSize\": 20}], [\"normal\", {\"fontSize\": \"11pt\"}]]}");
        assertEquals(148 * PageSetup.MM, style.page().width(), 0.01);
        assertEquals(10 * PageSetup.MM, style.page().top(), 0.01);
        assertEquals(11, style.page().fontSize(), 0.01);
        assertEquals(20, style.heading(2), 0.01);
        assertEquals(18, style.heading(1), 0.01);
    }

    @Test
    void refusesTextThatIsNotJsonAndJsonThatIsNotAnObject() {
        ValueError notJson = assertThrows(ValueError.class, () -> RstStyle.parse("{\"pageSetup\": "));
        assertTrue(notJson.getMessage().startsWith("style is not valid JSON: "), notJson.getMessage());
        for (String style : new String[] {"[1]", "\"a4\"", "null", "12"}) {
            ValueError error = assertThrows(ValueError.class, () -> RstStyle.parse(style));
            assertEquals("style must be a JSON object (an rst2pdf stylesheet)", error.getMessage());
        }
    }

    @Test
    void ignoresWhatFollowsTheStylesheetAsTheMapperDid() {
        assertEquals(RstStyle.defaults().page(), RstStyle.parse("{} trailing").page());
    }
}
