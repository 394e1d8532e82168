package cz.edeposit.amqp.marc;

import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a record as a MARC XML (slim) document, the input the MARC-to-MODS stylesheets expect.
 *
 * <p>An OAI-MARC {@code LDR} fixfield becomes the {@code leader}; every other control field,
 * Aleph's alphanumeric ones included, becomes a {@code controlfield} (the slim schema allows
 * alphanumeric tags).
 */
public final class MarcXmlWriter {

    /** The MARC XML (slim) namespace. */
    public static final String NAMESPACE = "http://www.loc.gov/MARC21/slim";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private MarcXmlWriter() {
    }

    /** The record as a standalone, indented MARC XML document. */
    public static String write(MarcRecord record) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "record");
            xml.writeDefaultNamespace(NAMESPACE);
            if (record.leader() != null) {
                element(xml, "leader", record.leader());
            }
            for (Map.Entry<String, String> field : record.controlFields().entrySet()) {
                if (!field.getKey().equals("LDR")) {
                    xml.writeCharacters("\n  ");
                    xml.writeStartElement(NAMESPACE, "controlfield");
                    xml.writeAttribute("tag", field.getKey());
                    xml.writeCharacters(field.getValue());
                    xml.writeEndElement();
                }
            }
            for (DataField field : record.dataFields()) {
                dataField(xml, field);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            // Writing to a StringWriter only fails on characters XML cannot carry.
            throw new IllegalArgumentException("cannot write the record as MARC XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void dataField(XMLStreamWriter xml, DataField field) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement(NAMESPACE, "datafield");
        xml.writeAttribute("tag", field.tag());
        xml.writeAttribute("ind1", field.i1());
        xml.writeAttribute("ind2", field.i2());
        for (Subfield subfield : field.subfields()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement(NAMESPACE, "subfield");
            xml.writeAttribute("code", subfield.code());
            xml.writeCharacters(subfield.value());
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
