package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestsXmlTest {

    private static final String LINK = ExchangeDirs.LINK;

    private static String render(List<ExportRecord> records) {
        return new String(RequestsXml.render(records, LINK), StandardCharsets.UTF_8);
    }

    @Test
    void writesEveryFieldInTheSchemasOrderWithTheFormatWhenKnown() {
        ExportRecord full = new ExportRecord("s&1", "a0f1", "000054231", List.of(
                new ExportRecord.Link("http://storage.example/a.epub?x=1&y=2", "epub"),
                new ExportRecord.Link("https://storage.example/a.pdf", null)),
                "urn:nbn:cz:edep-000054231", "http://kramerius.example/uuid:a0f1");
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<records xmlns=\"http://edeposit-aplikace.nkp.cz/link_export_notification\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation="
                + "\"http://edeposit-aplikace.nkp.cz/link_export_notification " + LINK + "\">\n"
                + "    <record session_id=\"s&amp;1\">\n"
                + "        <uuid>a0f1</uuid>\n"
                + "        <doc_number>000054231</doc_number>\n"
                + "        <document_url format=\"epub\">http://storage.example/a.epub?x=1&amp;y=2</document_url>\n"
                + "        <document_url>https://storage.example/a.pdf</document_url>\n"
                + "        <urn_nbn>urn:nbn:cz:edep-000054231</urn_nbn>\n"
                + "        <kramerius_url>http://kramerius.example/uuid:a0f1</kramerius_url>\n"
                + "    </record>\n"
                + "</records>\n", render(List.of(full)));
    }

    @Test
    void leavesOutTheOptionalFieldsItDoesNotHave() {
        String xml = render(List.of(new ExportRecord("s2", "dd83", "000014375",
                List.of(new ExportRecord.Link("http://storage.example/b", "epub")), null, null)));
        assertTrue(xml.contains("<doc_number>000014375</doc_number>\n        <document_url format=\"epub\">"
                + "http://storage.example/b</document_url>\n    </record>"), xml);
    }

    @Test
    void anEmptyQueueIsAnEmptyRecordsElementInTheNamespace() {
        // The original wrote <records/> without the namespace, which the schema refuses.
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<records xmlns=\"http://edeposit-aplikace.nkp.cz/link_export_notification\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation="
                + "\"http://edeposit-aplikace.nkp.cz/link_export_notification " + LINK + "\">\n</records>\n", render(List.of()));
    }

    @Test
    void aRecordWithoutADocumentUrlDoesNotFitTheSchemaAndIsNotWritten() {
        ValueError error = assertThrows(ValueError.class, () -> render(List.of(
                new ExportRecord("s", "u", "1", List.of(), null, null))));
        assertTrue(error.getMessage().startsWith("requests.xml would not fit link_export_notification.xsd: "),
                error.getMessage());
        assertTrue(error.getMessage().contains("document_url"), error.getMessage());
    }

    @Test
    void collapsesEachRunOfXmlWhiteSpaceAsTheRegexDid() {
        List<String> inputs = List.of("", " ", "a", "a b", "a  b", " a ", "\t\n\r ", "a\tb", "a\r\nb", "a \t\n\r b",
                "  lead", "trail  ", "x\u00A0y", "x\u2003 \u2003y", "x\u000Bb", "http://h/a b\n\nc", "\n", "a\n \n\tb c  d");
        for (String input : inputs) {
            assertEquals(input.replaceAll("[ \t\n\r]+", " "), RequestsXml.collapseSpace(input), "'" + input + "'");
        }
    }
}
