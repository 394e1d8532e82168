package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.settings.ConfigException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the pending requests from a {@code requests.xml} when there is no store: the original's
 * shelve file cannot be read, but its {@code requests.xml} lists every pending request. Read
 * leniently, as the original wrote it: in or outside the namespace, children in any order.
 */
final class LegacyRequests {

    private LegacyRequests() {
    }

    static Map<String, ExportRecord> read(Path requestFile) throws IOException {
        org.w3c.dom.Document document;
        try {
            document = SafeXml.parse(Files.readString(requestFile, StandardCharsets.UTF_8));
        } catch (SAXException | IOException e) {
            throw new ConfigException(AlephLinkExportSettings.FILE + ": REQUEST_FN " + requestFile + " cannot be read to"
                    + " rebuild the pending requests (there is no DATABASE_FN yet): " + e.getMessage()
                    + "; repair it, or move it away to start with no pending request");
        }
        Map<String, ExportRecord> pending = new LinkedHashMap<>();
        for (Element record : SafeXml.descendants(document, "record")) {
            String sessionId = record.getAttribute("session_id");
            List<ExportRecord.Link> urls = new ArrayList<>();
            for (Element url : children(record, "document_url")) {
                String format = url.getAttribute("format");
                urls.add(new ExportRecord.Link(url.getTextContent().strip(), format.isBlank() ? null : format));
            }
            String uuid = text(record, "uuid");
            String docNumber = text(record, "doc_number");
            if (sessionId.isBlank() || uuid == null || docNumber == null || urls.isEmpty()) {
                continue; // not a request the original could have written; nothing to resend
            }
            pending.put(sessionId, new ExportRecord(sessionId, uuid, docNumber, urls, text(record, "urn_nbn"),
                    text(record, "kramerius_url")));
        }
        return pending;
    }

    private static String text(Element record, String name) {
        List<Element> found = children(record, name);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.get(0).getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && SafeXml.localName(element).equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
