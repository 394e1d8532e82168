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
 * The DOM reader that {@link MarcXml} replaced, kept verbatim for the tests only: {@code MarcXmlAgreementTest}
 * holds the streaming reader to its verdicts and results. It reads MARC records from OAI-MARC ({@code oai_marc} with {@code fixfield}, {@code varfield} and
 * {@code subfield label}) and from MARC XML slim ({@code leader}, {@code controlfield},
 * {@code datafield} and {@code subfield code}), namespaced or not.
 *
 * <p>A record is any {@code record} element; an X-Services answer wraps one in {@code present} or
 * {@code find-doc}, a MARC XML file may hold a {@code collection} of them. Values are trimmed, and
 * fields without a tag are skipped, as the original parser did.
 */
final class DomMarcXml {

    private DomMarcXml() {
    }

    /**
     * The first record in {@code xml}.
     *
     * @throws MarcFormatException when the text is not well-formed XML or has no record
     */
    static MarcRecord parse(String xml) {
        return read(document(xml));
    }

    /**
     * Every record in {@code xml} (records nested in another record are not counted twice).
     *
     * @throws MarcFormatException when the text is not well-formed XML
     */
    static List<MarcRecord> parseAll(String xml) {
        return readAll(document(xml));
    }

    /**
     * The first record of an already parsed document.
     *
     * @throws MarcFormatException when the document has no record
     */
    static MarcRecord read(Document document) {
        List<Element> records = SafeXml.descendants(document, "record");
        if (records.isEmpty()) {
            throw new MarcFormatException("There is no <record> in the MARC XML document.");
        }
        return read(records.get(0));
    }

    /** Every outermost record of an already parsed document. */
    static List<MarcRecord> readAll(Document document) {
        List<MarcRecord> out = new ArrayList<>();
        for (Element record : SafeXml.descendants(document, "record")) {
            if (!insideRecord(record)) {
                out.add(read(record));
            }
        }
        return out;
    }

    /** Reads one {@code record} element in whichever format it is written. */
    static MarcRecord read(Element record) {
        return SafeXml.descendants(record, "oai_marc").isEmpty() ? readMarcXml(record) : readOaiMarc(record);
    }

    private static MarcRecord readOaiMarc(Element record) {
        Fields fields = new Fields("fixfield", "id", "varfield", "id", "i1", "i2", "label");
        fields.collect(record);
        return new MarcRecord(fields.control.get("LDR"), fields.control, fields.data, true);
    }

    private static MarcRecord readMarcXml(Element record) {
        Fields fields = new Fields("controlfield", "tag", "datafield", "tag", "ind1", "ind2", "code");
        fields.collect(record);
        return new MarcRecord(fields.leader, fields.control, fields.data, false);
    }

    /** One walk over a record's elements, collecting fields by the element and attribute names of its format. */
    private static final class Fields {
        private final String controlElement;
        private final String controlTag;
        private final String dataElement;
        private final String dataTag;
        private final String i1;
        private final String i2;
        private final String code;
        private final Map<String, String> control = new LinkedHashMap<>();
        private final List<DataField> data = new ArrayList<>();
        private String leader;

        Fields(String controlElement, String controlTag, String dataElement, String dataTag, String i1, String i2,
               String code) {
            this.controlElement = controlElement;
            this.controlTag = controlTag;
            this.dataElement = dataElement;
            this.dataTag = dataTag;
            this.i1 = i1;
            this.i2 = i2;
            this.code = code;
        }

        void collect(Element parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element element)) {
                    continue;
                }
                String name = SafeXml.localName(element);
                if (name.equals(controlElement)) {
                    if (element.hasAttribute(controlTag)) {
                        control.put(element.getAttribute(controlTag), text(element));
                    }
                } else if (name.equals(dataElement)) {
                    if (element.hasAttribute(dataTag)) {
                        data.add(dataField(element));
                    }
                } else if (name.equals("leader")) {
                    if (leader == null) {
                        leader = text(element);
                    }
                } else {
                    collect(element);
                }
            }
        }

        private DataField dataField(Element field) {
            List<Subfield> subfields = new ArrayList<>();
            for (Element subfield : SafeXml.descendants(field, "subfield")) {
                if (subfield.hasAttribute(code)) {
                    subfields.add(new Subfield(subfield.getAttribute(code), text(subfield)));
                }
            }
            return new DataField(field.getAttribute(dataTag), indicator(field, i1), indicator(field, i2), subfields);
        }
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
