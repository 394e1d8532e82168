package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written reading of responses.xml against link_export_result.xsd, constraint by constraint. */
class ResponsesXmlTest {

    private static final String NS = "http://edeposit-aplikace.nkp.cz/link_export_result";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static String results(String inner) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<results xmlns=\"" + NS + "\">" + inner + "</results>\n";
    }

    private static String result(String inner) {
        return results("<result session_id=\"s1\">" + inner + "</result>");
    }

    /** Documents the schema accepts: one at least for each constraint. */
    static final List<String> VALID = List.of(
            results(""), // results: minOccurs 0 of result
            "<results xmlns=\"" + NS + "\"/>",
            result("<status>OK</status>"),
            result("<status>ERROR</status>"), // the enumeration's other value
            result("<status>ERROR</status><reason>no such record</reason>"), // reason minOccurs 0 .. 1
            result("<status>ERROR</status><reason/>"),
            result("<status>ERROR</status><reason>  a &lt;b&gt; &amp; &#x10D; <![CDATA[<x>]]> </reason>"),
            results("<result><status>OK</status></result>"), // session_id is optional
            results("<result session_id=\"\"><status>OK</status></result>"),
            results("<result session_id=\"a&quot;b&#10;c\"><status>OK</status></result>"),
            results("\n  <result session_id=\"1\">\n    <status>OK</status>\n  </result>\n  <result session_id=\"2\">"
                    + "<status>ERROR</status><reason>x</reason></result>\n"), // result maxOccurs unbounded, white space
            "<?xml version=\"1.0\"?><!-- c --><?pi x?><r:results xmlns:r=\"" + NS + "\"><!-- c --><r:result><?pi?>"
                    + "<r:status>O<!-- split -->K</r:status><!-- c --></r:result></r:results><!-- end -->\n",
            results("<result><status><![CDATA[OK]]></status></result>"),
            "\uFEFF" + results("<result><status>OK</status></result>"),
            "<results xmlns=\"" + NS + "\" xmlns:xsi=\"" + XSI + "\" xsi:schemaLocation=\"" + NS + " link_export_result.xsd\">"
                    + "<result><status>OK</status></result></results>",
            "<results xmlns=\"" + NS + "\" xmlns:other=\"urn:x\"><result><status>OK</status></result></results>",
            // Location hints, never followed: whatever they say.
            "<results xmlns=\"" + NS + "\" xmlns:xsi=\"" + XSI + "\" xsi:schemaLocation=\"" + NS + "\"/>",
            result("<status xmlns:xsi=\"" + XSI + "\" xsi:noNamespaceSchemaLocation=\"x y z\">OK</status>"));

    /** Documents the schema (or XML, or the former parser) refuses: one at least for each constraint. */
    static final List<String> INVALID = List.of(
            "",
            "   ",
            "not xml",
            results("<result><status>OK</status>"), // cut short
            results("<result><status>OK</status></result>") + "<results/>", // two roots
            results("") + "text after",
            "<results><result><status>OK</status></result></results>", // outside the namespace
            "<results xmlns=\"urn:other\"/>",
            "<result xmlns=\"" + NS + "\"><status>OK</status></result>", // another root element
            results("<record><status>OK</status></record>"),
            results("text<result><status>OK</status></result>"), // text in element-only content
            results("<result>x<status>OK</status></result>"),
            results("<result><status>OK</status>x</result>"),
            results("<result/>"), // status is required
            results("<result><reason>r</reason></result>"),
            result("<reason>r</reason><status>OK</status>"), // order
            result("<status>OK</status><status>OK</status>"), // status maxOccurs 1
            result("<status>OK</status><reason>a</reason><reason>b</reason>"), // reason maxOccurs 1
            result("<status>OK</status><other/>"),
            result("<status>MAYBE</status>"), // enumeration
            result("<status>ok</status>"),
            result("<status> OK</status>"), // xs:string keeps white space
            result("<status>OK\n</status>"),
            result("<status></status>"),
            result("<status/>"),
            result("<status><b>OK</b></status>"), // simple content
            result("<status>OK</status><reason><b>x</b></reason>"),
            results("<result session_id=\"s\" other=\"x\"><status>OK</status></result>"), // undeclared attribute
            results("<result xmlns:r=\"" + NS + "\" r:session_id=\"s\"><status>OK</status></result>"), // unqualified only
            "<results xmlns=\"" + NS + "\" id=\"1\"/>",
            result("<status id=\"1\">OK</status>"),
            result("<status>OK</status><reason lang=\"cs\">x</reason>"),
            results("<result xmlns=\"urn:other\"><status>OK</status></result>"),
            result("<s:status xmlns:s=\"urn:other\">OK</s:status>"),
            result("<status xmlns:xsi=\"" + XSI + "\" xsi:other=\"1\">OK</status>"),
            result("<status xmlns:xsi=\"" + XSI + "\" xsi:nil=\"true\"/>"), // not nillable
            "<!DOCTYPE results [<!ENTITY e \"OK\">]>" + results("<result><status>&e;</status></result>"),
            "<!DOCTYPE results SYSTEM \"file:///etc/passwd\">" + results(""),
            result("<status>&unknown;</status>"),
            result("<status>OK&#1;</status>"));

    @Test
    void acceptsWhatTheSchemaAcceptsWithItsValues() throws Exception {
        for (String document : VALID) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            assertNull(SchemaFiles.formerResponsesVerdict(bytes), document);
            ResponsesXml.parse(bytes);
        }
        assertEquals(List.of(new LinkUpdateResponse("OK", "1", null), new LinkUpdateResponse("ERROR", "2", "x")),
                ResponsesXml.parse(VALID.get(10).getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new LinkUpdateResponse("ERROR", "s1", "  a <b> & \u010D <x> ")),
                ResponsesXml.parse(VALID.get(6).getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new LinkUpdateResponse("ERROR", "s1", "")),
                ResponsesXml.parse(VALID.get(5).getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new LinkUpdateResponse("OK", "a\"b\nc", null)),
                ResponsesXml.parse(VALID.get(9).getBytes(StandardCharsets.UTF_8)), "a character reference is kept");
        assertEquals(List.of(new LinkUpdateResponse("OK", null, null)),
                ResponsesXml.parse(VALID.get(11).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesWhatTheSchemaOrTheFormerParserRefused() {
        List<String> messages = new ArrayList<>();
        for (String document : INVALID) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            assertNotNull(SchemaFiles.formerResponsesVerdict(bytes), "the schema accepts " + document);
            ResponsesXml.Invalid invalid = assertThrows(ResponsesXml.Invalid.class, () -> ResponsesXml.parse(bytes), document);
            messages.add(invalid.getMessage());
        }
        for (String message : messages) {
            assertTrue(message.startsWith("it is not well-formed XML: ") || message.startsWith("it does not fit"
                    + " link_export_result.xsd: "), message);
        }
    }

    @Test
    void theMessageSaysWhereAndWhat() {
        assertEquals("it does not fit link_export_result.xsd: line 2, column 115: <status> must be OK or ERROR, not 'MAYBE'",
                message(result("<status>MAYBE</status>")));
        assertEquals("it does not fit link_export_result.xsd: line 2, column 101: <result> must start with <status>, not"
                + " <reason>", message(result("<reason>r</reason><status>OK</status>")));
        assertEquals("it does not fit link_export_result.xsd: line 1, column 11: the root element must be <results> in the"
                + " namespace " + NS + ", not <results> in no namespace", message("<results/>"));
        assertTrue(message(results("<result><status>OK</status>")).startsWith("it is not well-formed XML: line 2, column"),
                message(results("<result><status>OK</status>")));
        assertEquals("it is not UTF-8 text", assertThrows(ResponsesXml.Invalid.class,
                () -> ResponsesXml.parse(new byte[] {'<', (byte) 0xC3, '>'})).getMessage());
    }

    @Test
    void aTypeNamedInTheDocumentIsRefusedThoughTheSchemaWouldFollowIt() throws Exception {
        // Stricter than the schema, deliberately: an answer of Aleph has no reason to name its types.
        String typed = results("<result xmlns:xsi=\"" + XSI + "\" xmlns:r=\"" + NS + "\" xsi:type=\"r:LinkResult\">"
                + "<status>OK</status></result>");
        assertNull(SchemaFiles.formerResponsesVerdict(typed.getBytes(StandardCharsets.UTF_8)));
        assertThrows(ResponsesXml.Invalid.class, () -> ResponsesXml.parse(typed.getBytes(StandardCharsets.UTF_8)));
    }

    private static String message(String document) {
        return assertThrows(ResponsesXml.Invalid.class, () -> ResponsesXml.parse(document.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }
}
