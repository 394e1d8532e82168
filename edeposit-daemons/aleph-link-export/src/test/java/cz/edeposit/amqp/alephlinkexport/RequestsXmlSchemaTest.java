package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * requests.xml is valid by construction: what the writer writes, the schema accepts; what the schema
 * would refuse, the writer's check refuses before writing anything.
 */
class RequestsXmlSchemaTest {

    private static final String LINK = ExchangeDirs.LINK;

    private static ExportRecord record(String sessionId, String uuid, String docNumber, List<ExportRecord.Link> urls,
                                       String urnNbn, String kramerius) {
        return new ExportRecord(sessionId, uuid, docNumber, urls, urnNbn, kramerius);
    }

    private static List<ExportRecord.Link> url(String url) {
        return List.of(new ExportRecord.Link(url, null));
    }

    @Test
    void everyDocumentItWritesFitsTheSchema() throws Exception {
        List<List<ExportRecord>> documents = List.of(
                List.of(), // records: minOccurs 0 of record
                List.of(record("s1", "u", "1", url("http://s/a"), null, null)), // optional elements left out
                List.of(record("s&\"<>\t\n\r1", "u <&>", "1\u010D\uD83D\uDE00", List.of( // document_url 1 .. unbounded
                        new ExportRecord.Link("http://s/a?x=1&y=<2>", "pdf \"&<"), new ExportRecord.Link("https://s/b c", null),
                        new ExportRecord.Link("http://s/\u010D", "")), "urn:nbn:cz:x & y", "http://k/uuid:1#x")),
                List.of(record("s1", "u", "1", url("http://s/a"), null, null), record("s2", "u", "2", url("http://s/b"),
                        "urn", "http://k/"))); // record maxOccurs unbounded
        for (List<ExportRecord> records : documents) {
            SchemaFiles.validateRequests(RequestsXml.render(records, LINK));
        }
    }

    /** Records whose document (as written without the check) the schema or XML refuses: the check refuses each. */
    @Test
    void theCheckRefusesEveryRecordTheSchemaWouldRefuse() {
        List<ExportRecord> refused = List.of(
                record("s", null, "1", url("http://s/a"), null, null), // uuid required
                record("s", "u", null, url("http://s/a"), null, null), // doc_number required
                record("s", "u", "1", List.of(), null, null), // document_url minOccurs 1
                record("s", "u\u0001", "1", url("http://s/a"), null, null), // a character XML cannot carry
                record("s\uFFFF", "u", "1", url("http://s/a"), null, null),
                record("s", "u", "1", List.of(new ExportRecord.Link("http://s/a", "\u0000")), null, null),
                record("s", "u", "1", url("http://s/%zz"), null, null), // document_url: xs:anyURI
                record("s", "u", "1", url("http://s/a"), null, "http://k/%"), // kramerius_url: xs:anyURI
                record("s", "u", "1", url("http://s/a#b#c"), null, null));
        for (ExportRecord record : refused) {
            byte[] unchecked = unchecked(record);
            assertThrows(SAXException.class, () -> SchemaFiles.validateRequests(unchecked), () -> new String(unchecked,
                    StandardCharsets.UTF_8).replace("\u0000", "\\u0000"));
            ValueError error = assertThrows(ValueError.class, () -> RequestsXml.render(List.of(record), LINK), record.toString());
            assertTrue(error.getMessage().startsWith("requests.xml would not fit link_export_notification.xsd: "),
                    error.getMessage());
        }
    }

    @Test
    void aSchemaLinkThatIsNotOneUriIsRefused() throws Exception {
        assertThrows(SAXException.class, () -> SchemaFiles.validateRequests(header("http://a/\u0001")));
        for (String link : List.of("http://a/x.xsd http://b/y.xsd", "http://a/\u0001")) {
            assertThrows(ValueError.class, () -> RequestsXml.render(List.of(), link), link);
        }
        SchemaFiles.validateRequests(RequestsXml.render(List.of(), "link_export_notification.xsd"));
    }

    /**
     * The xs:anyURI check against the JDK's validator on URIs of every kind: whatever the validator
     * refuses, the check refuses; the few the check refuses beyond it are listed.
     */
    @Test
    void theUriCheckRefusesWhatTheValidatorRefuses() {
        List<String> uris = List.of("http://s/a", "https://s:8080/a/b?c=d&e=f#g", "http://[::1]:80/x", "http://u:p@h/",
                "urn:nbn:cz:edep-1", "mailto:a@b", "relative/path", "../up", "?q", "#f", "//host/p", "",
                " http://s/a ", "http://s/a b", "http://s/\u010D\u0159", "http://s/{}|\\^~`<>\"", "http://s/%20",
                "http://s/%", "http://s/%2", "http://s/%zz", "http://s/a#b#c", "http://s/[x]", "http://[::1/", "http://h:port/",
                "http://h:99999/", "http://a_b/", "http:", "http:/", "1abc:x", ":x", "a:b:c", "http://h/a%e2%82%ac",
                "http://s/\t\n", "\u00A0http://s/", "http://s/a\u2028b", "h\u00E9llo:x", "http://h/;p?q#", "x#", "#",
                "http://s/%C4%8D", "file:///etc/passwd", "http://s/a\u0001b");
        List<String> stricter = new ArrayList<>();
        for (String uri : uris) {
            boolean valid = validates(uri);
            boolean checked = writes(uri);
            if (!valid) {
                assertEquals(false, checked, "the check takes '" + uri + "', the validator does not");
            } else if (!checked) {
                stricter.add(uri);
            }
        }
        assertEquals(List.of(), stricter.stream().sorted().toList());
    }

    /** Whether the writer writes a record with {@code uri} as its kramerius_url and document_url. */
    private static boolean writes(String uri) {
        try {
            RequestsXml.render(List.of(record("s", "u", "1", url(uri), null, uri)), LINK);
            return true;
        } catch (ValueError e) {
            return false;
        }
    }

    private static boolean validates(String uri) {
        ExportRecord record = record("s", "u", "1", url(uri), null, uri);
        try {
            SchemaFiles.validateRequests(unchecked(record));
            return true;
        } catch (SAXException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The document the writer would write of {@code record} without its check. */
    private static byte[] unchecked(ExportRecord record) {
        StringBuilder xml = new StringBuilder(new String(header(LINK), StandardCharsets.UTF_8).replace("</records>\n", ""));
        xml.append("<record session_id=\"").append(attribute(record.sessionId())).append("\">");
        if (record.uuid() != null) {
            xml.append("<uuid>").append(text(record.uuid())).append("</uuid>");
        }
        if (record.docNumber() != null) {
            xml.append("<doc_number>").append(text(record.docNumber())).append("</doc_number>");
        }
        for (ExportRecord.Link link : record.urls()) {
            xml.append("<document_url").append(link.format() == null ? "" : " format=\"" + attribute(link.format()) + "\"")
                    .append('>').append(text(link.url())).append("</document_url>");
        }
        if (record.urnNbn() != null) {
            xml.append("<urn_nbn>").append(text(record.urnNbn())).append("</urn_nbn>");
        }
        if (record.krameriusUrl() != null) {
            xml.append("<kramerius_url>").append(text(record.krameriusUrl())).append("</kramerius_url>");
        }
        return xml.append("</record></records>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String link) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records xmlns=\"" + Schemas.NOTIFICATION_NS
                + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
                + Schemas.NOTIFICATION_NS + " " + attribute(link) + "\">\n</records>\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attribute(String value) {
        return text(value).replace("\"", "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;");
    }

    @SuppressWarnings("unused")
    private static String show(byte[] bytes) {
        return Arrays.toString(bytes);
    }
}
