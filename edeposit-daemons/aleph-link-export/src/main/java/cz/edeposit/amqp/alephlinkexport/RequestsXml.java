package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.wire.ValueError;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.xml.XMLConstants;

/**
 * Writes {@code requests.xml}: {@code <records>} in the notification namespace with one
 * {@code <record session_id="...">} per pending request, its children in the schema's order. Each
 * record is rendered once, as a fragment the exchange keeps while the request is pending, so that a
 * new request costs one record, not the rendering of every pending one.
 *
 * <p>The document fits {@code link_export_notification.xsd} by construction, without a validator
 * (which would keep the JDK's schema support and grammars in the daemon for good): the skeleton is
 * fixed, in the schema's order, and every value is escaped; what the schema or XML could still refuse
 * depends on the values alone, and {@link #fragment} checks it of every record before rendering it,
 * whatever its source (a checked request, the store, an old requests.xml): {@code uuid},
 * {@code doc_number} and at least one document URL present, every text made of characters XML can
 * carry, and each {@code xs:anyURI} one that the JDK's validator accepts (RequestsXmlTest holds these
 * checks to the schema).
 */
final class RequestsXml {

    private static final String INDENT = "\n        ";
    private static final byte[] FOOTER = "</records>\n".getBytes(StandardCharsets.UTF_8);

    private RequestsXml() {
    }

    /** The document of {@code records}. */
    static byte[] render(Collection<ExportRecord> records, String schemaLink) {
        List<byte[]> fragments = new ArrayList<>(records.size());
        for (ExportRecord record : records) {
            fragments.add(fragment(record));
        }
        return document(fragments, schemaLink);
    }

    /**
     * The document of the records' {@code fragments}.
     *
     * @throws ValueError when {@code schemaLink} has a character XML cannot carry or white space (then
     *                    nothing may be written; the settings refuse white space already)
     */
    static byte[] document(Collection<byte[]> fragments, String schemaLink) {
        xmlText("EXPORT_XSD_LINK", schemaLink);
        // xsi:schemaLocation: pairs of namespace and location (the original wrote the location alone, which is not valid).
        if (hasXmlSpace(schemaLink)) {
            throw invalid("EXPORT_XSD_LINK '" + schemaLink + "' is not one URI");
        }
        byte[] header = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records xmlns=\"" + Schemas.NOTIFICATION_NS
                + "\" xmlns:xsi=\"" + XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI + "\" xsi:schemaLocation=\""
                + Schemas.NOTIFICATION_NS + " " + attribute(schemaLink) + "\">\n").getBytes(StandardCharsets.UTF_8);
        int size = header.length + FOOTER.length;
        for (byte[] fragment : fragments) {
            size += fragment.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(header);
        for (byte[] fragment : fragments) {
            out.writeBytes(fragment);
        }
        out.writeBytes(FOOTER);
        return out.toByteArray();
    }

    /**
     * One {@code <record>} element, indented, in the default namespace of the document around it.
     * Written by hand (a StAX writer per record cost most of a request with 10,000 pending); every
     * text is escaped.
     *
     * @throws ValueError when the record's values would not fit the schema (then nothing may be written)
     */
    static byte[] fragment(ExportRecord record) {
        check(record);
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

    /** What the schema asks of a record's values; the rest of the document is fixed. */
    private static void check(ExportRecord record) {
        String which = "the record of session_id '" + record.sessionId() + "' ";
        if (record.sessionId() == null || record.uuid() == null || record.docNumber() == null) {
            throw invalid(which + "lacks session_id, uuid or doc_number");
        }
        if (record.urls().isEmpty()) {
            throw invalid(which + "has no document_url, and the schema asks for one or more");
        }
        xmlText(which + "session_id", record.sessionId());
        xmlText(which + "uuid", record.uuid());
        xmlText(which + "doc_number", record.docNumber());
        for (ExportRecord.Link link : record.urls()) {
            if (link.url() == null) {
                throw invalid(which + "has a document_url without a URL");
            }
            uri(which + "document_url", link.url());
            if (link.format() != null) {
                xmlText(which + "document_url format", link.format());
            }
        }
        if (record.urnNbn() != null) {
            xmlText(which + "urn_nbn", record.urnNbn());
        }
        if (record.krameriusUrl() != null) {
            uri(which + "kramerius_url", record.krameriusUrl());
        }
    }

    private static void uri(String field, String value) {
        xmlText(field, value);
        if (!anyUri(value)) {
            throw invalid(field + " '" + value + "' is not an xs:anyURI");
        }
    }

    /**
     * Whether the JDK's validator takes {@code value} for an {@code xs:anyURI}: white space collapsed,
     * the characters XLink escapes (spaces, non-ASCII, {@code <>"{}|\^~`}, controls) escaped, and
     * then a URI reference of RFC 2396 as {@link URI} parses it, which is at least as strict.
     */
    private static boolean anyUri(String value) {
        String collapsed = collapseSpace(value).strip();
        StringBuilder escaped = new StringBuilder(collapsed.length() + 16);
        for (byte b : collapsed.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F || "<>\"{}|\\^~`".indexOf(c) >= 0) {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                escaped.append((char) c);
            }
        }
        try {
            new URI(escaped.toString());
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Each run of XML's white space (space, tab, line feed, carriage return) as one space, as the regex {@code [ \t\n\r]+}. */
    static String collapseSpace(String value) {
        StringBuilder collapsed = new StringBuilder(value.length());
        boolean inRun = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isXmlSpace(c)) {
                collapsed.append(c);
                inRun = false;
            } else if (!inRun) {
                collapsed.append(' ');
                inRun = true;
            }
        }
        return collapsed.toString();
    }

    private static boolean hasXmlSpace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isXmlSpace(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A character XML 1.0 cannot carry would make the document not well-formed. */
    private static void xmlText(String field, String value) {
        int at = SafeXml.firstNonXmlCharacter(value);
        if (at >= 0) {
            throw invalid(field + " holds the character U+" + String.format("%04X", value.codePointAt(at))
                    + ", which XML cannot carry");
        }
    }

    private static ValueError invalid(String why) {
        return new ValueError("requests.xml would not fit link_export_notification.xsd: " + why);
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
