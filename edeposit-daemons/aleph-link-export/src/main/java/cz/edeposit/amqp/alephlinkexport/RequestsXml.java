package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.wire.ValueError;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;

/**
 * Writes {@code requests.xml}: {@code <records>} in the notification namespace with one
 * {@code <record session_id="...">} per pending request, its children in the schema's order, and
 * checks the whole document against the schema before anyone may see it. Each record is rendered
 * once, as a fragment the exchange keeps while the request is pending, so that a new request costs
 * one record and the validation, not the rendering of every pending one.
 */
final class RequestsXml {

    private static final String INDENT = "\n        ";
    private static final byte[] FOOTER = "</records>\n".getBytes(StandardCharsets.UTF_8);

    private RequestsXml() {
    }

    /** The validated document of {@code records}. */
    static byte[] render(Collection<ExportRecord> records, String schemaLink) {
        return document(records.stream().map(RequestsXml::fragment).toList(), schemaLink);
    }

    /**
     * The document of the records' {@code fragments}, validated.
     *
     * @throws ValueError when it does not fit the notification schema (then nothing may be written)
     */
    static byte[] document(Collection<byte[]> fragments, String schemaLink) {
        byte[] header = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records xmlns=\"" + Schemas.NOTIFICATION_NS
                + "\" xmlns:xsi=\"" + XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI + "\" xsi:schemaLocation=\""
                // Pairs of namespace and location: the original wrote the location alone, which is not valid.
                + Schemas.NOTIFICATION_NS + " " + attribute(schemaLink) + "\">\n").getBytes(StandardCharsets.UTF_8);
        int size = header.length + FOOTER.length;
        for (byte[] fragment : fragments) {
            size += fragment.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(header);
        fragments.forEach(out::writeBytes);
        out.writeBytes(FOOTER);
        byte[] document = out.toByteArray();
        try {
            Schemas.validate(Schemas.NOTIFICATION, new StreamSource(new ByteArrayInputStream(document)));
        } catch (SAXException e) {
            throw new ValueError("requests.xml would not fit link_export_notification.xsd: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory failed", e);
        }
        return document;
    }

    /**
     * One {@code <record>} element, indented, in the default namespace of the document around it.
     * Written by hand (a StAX writer per record cost most of a request with 10,000 pending); every
     * text is escaped, and the whole document is validated before it is used.
     */
    static byte[] fragment(ExportRecord record) {
        StringBuilder xml = new StringBuilder(400);
        xml.append("    <record session_id=\"").append(attribute(record.sessionId())).append("\">");
        element(xml, "uuid", record.uuid());
        element(xml, "doc_number", record.docNumber());
        for (ExportRecord.Link link : record.urls()) {
            xml.append(INDENT).append("<document_url");
            if (link.format() != null) {
                xml.append(" format=\"").append(attribute(link.format())).append('"');
            }
            xml.append('>').append(text(link.url())).append("</document_url>");
        }
        element(xml, "urn_nbn", record.urnNbn());
        element(xml, "kramerius_url", record.krameriusUrl());
        return xml.append("\n    </record>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder xml, String name, String value) {
        if (value != null) {
            xml.append(INDENT).append('<').append(name).append('>').append(text(value)).append("</").append(name).append('>');
        }
    }

    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Also line ends and tabs as references: a parser would turn them into spaces in an attribute. */
    private static String attribute(String value) {
        return text(value).replace("\"", "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;");
    }
}
