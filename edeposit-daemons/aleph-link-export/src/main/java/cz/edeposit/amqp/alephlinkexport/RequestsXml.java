package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.wire.ValueError;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;

/**
 * Writes {@code requests.xml}: {@code <records>} in the notification namespace with one
 * {@code <record session_id="...">} per pending request, its children in the schema's order, and
 * checks the result against the schema before anyone may see it.
 */
final class RequestsXml {

    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final String INDENT = "\n    ";

    private RequestsXml() {
    }

    /**
     * The document for {@code records}, validated.
     *
     * @throws ValueError when it does not fit the notification schema (then nothing may be written)
     */
    static byte[] render(Collection<ExportRecord> records, String schemaLink) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + records.size() * 400);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("", "records", Schemas.NOTIFICATION_NS);
            xml.writeDefaultNamespace(Schemas.NOTIFICATION_NS);
            xml.writeNamespace("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
            // Pairs of namespace and location: the original wrote the location alone, which is not valid.
            xml.writeAttribute("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "schemaLocation",
                    Schemas.NOTIFICATION_NS + " " + schemaLink);
            for (ExportRecord record : records) {
                xml.writeCharacters(INDENT);
                xml.writeStartElement(Schemas.NOTIFICATION_NS, "record");
                xml.writeAttribute("session_id", record.sessionId());
                element(xml, "uuid", record.uuid());
                element(xml, "doc_number", record.docNumber());
                for (ExportRecord.Link link : record.urls()) {
                    xml.writeCharacters(INDENT + "    ");
                    xml.writeStartElement(Schemas.NOTIFICATION_NS, "document_url");
                    if (link.format() != null) {
                        xml.writeAttribute("format", link.format());
                    }
                    xml.writeCharacters(link.url());
                    xml.writeEndElement();
                }
                element(xml, "urn_nbn", record.urnNbn());
                element(xml, "kramerius_url", record.krameriusUrl());
                xml.writeCharacters(INDENT);
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new ValueError("cannot write requests.xml: " + e.getMessage());
        }
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

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        if (text != null) {
            xml.writeCharacters(INDENT + "    ");
            xml.writeStartElement(Schemas.NOTIFICATION_NS, name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }
    }
}
