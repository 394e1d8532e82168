package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads MARC records from OAI-MARC ({@code oai_marc} with {@code fixfield}, {@code varfield} and
 * {@code subfield label}) and from MARC XML slim ({@code leader}, {@code controlfield},
 * {@code datafield} and {@code subfield code}), namespaced or not.
 *
 * <p>A record is any {@code record} element; an X-Services answer wraps one in {@code present} or
 * {@code find-doc}, a MARC XML file may hold a {@code collection} of them. Values are trimmed, and
 * fields without a tag are skipped, as the original parser did.
 */
public final class MarcXml {

    private MarcXml() {
    }

    /**
     * The first record in {@code xml}.
     *
     * @throws MarcFormatException when the text is not well-formed XML or has no record
     */
    public static MarcRecord parse(String xml) {
        return read(document(xml));
    }

    /**
     * Every record in {@code xml} (records nested in another record are not counted twice).
     *
     * @throws MarcFormatException when the text is not well-formed XML
     */
    public static List<MarcRecord> parseAll(String xml) {
        return readAll(document(xml));
    }

    /**
     * The first record of an already parsed document.
     *
     * @throws MarcFormatException when the document has no record
     */
    public static MarcRecord read(Document document) {
        List<Element> records = SafeXml.descendants(document, "record");
        if (records.isEmpty()) {
            throw new MarcFormatException("There is no <record> in the MARC XML document.");
        }
        return read(records.get(0));
    }

    /** Every outermost record of an already parsed document. */
    public static List<MarcRecord> readAll(Document document) {
        List<MarcRecord> out = new ArrayList<>();
        for (Element record : SafeXml.descendants(document, "record")) {
            if (!insideRecord(record)) {
                out.add(read(record));
            }
        }
        return out;
    }

    /** Reads one {@code record} element in whichever format it is written. */
    public static MarcRecord read(Element record) {
        return SafeXml.descendants(record, "oai_marc").isEmpty() ? readMarcXml(record) : readOaiMarc(record);
    }

    private static MarcRecord readOaiMarc(Element record) {
        Map<String, String> control = controlFields(record, "fixfield", "id");
        List<DataField> data = dataFields(record, "varfield", "id", "i1", "i2", "label");
        return new MarcRecord(control.get("LDR"), control, data, true);
    }

    private static MarcRecord readMarcXml(Element record) {
        List<Element> leaders = SafeXml.descendants(record, "leader");
        String leader = leaders.isEmpty() ? null : text(leaders.get(0));
        Map<String, String> control = controlFields(record, "controlfield", "tag");
        List<DataField> data = dataFields(record, "datafield", "tag", "ind1", "ind2", "code");
        return new MarcRecord(leader, control, data, false);
    }

    private static Map<String, String> controlFields(Element record, String element, String tagAttribute) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element field : SafeXml.descendants(record, element)) {
            if (field.hasAttribute(tagAttribute)) {
                out.put(field.getAttribute(tagAttribute), text(field));
            }
        }
        return out;
    }

    private static List<DataField> dataFields(Element record, String element, String tagAttribute,
                                              String i1Attribute, String i2Attribute, String codeAttribute) {
        List<DataField> out = new ArrayList<>();
        for (Element field : SafeXml.descendants(record, element)) {
            if (!field.hasAttribute(tagAttribute)) {
                continue;
            }
            List<Subfield> subfields = new ArrayList<>();
            for (Element subfield : SafeXml.descendants(field, "subfield")) {
                if (subfield.hasAttribute(codeAttribute)) {
                    subfields.add(new Subfield(subfield.getAttribute(codeAttribute), text(subfield)));
                }
            }
            out.add(new DataField(field.getAttribute(tagAttribute), indicator(field, i1Attribute),
                    indicator(field, i2Attribute), subfields));
        }
        return out;
    }

    private static String indicator(Element field, String attribute) {
        return field.hasAttribute(attribute) ? field.getAttribute(attribute) : " ";
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }

    private static boolean insideRecord(Element element) {
        for (Node parent = element.getParentNode(); parent instanceof Element ancestor;
             parent = ancestor.getParentNode()) {
            if ("record".equals(SafeXml.localName(ancestor))) {
                return true;
            }
        }
        return false;
    }

    private static Document document(String xml) {
        if (xml == null) {
            throw new MarcFormatException("The MARC XML document is missing (null).");
        }
        try {
            return SafeXml.parse(xml);
        } catch (SAXException e) {
            throw new MarcFormatException("The MARC record is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
