package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.CharacterData;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads MARC records from a DOM that a caller already holds (aleph parses an X-Services answer with
 * {@link SafeXml} for its other elements), by the same rules as {@link MarcXml} reads text.
 */
public final class MarcDom {

    private MarcDom() {
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
        return MarcFields.read(element(records.get(0)));
    }

    /** Every outermost record of an already parsed document. */
    public static List<MarcRecord> readAll(Document document) {
        List<MarcRecord> out = new ArrayList<>();
        for (Element record : SafeXml.descendants(document, "record")) {
            if (!insideRecord(record)) {
                out.add(MarcFields.read(element(record)));
            }
        }
        return out;
    }

    private static MarcElement element(Element source) {
        MarcElement element = new MarcElement(SafeXml.localName(source));
        NamedNodeMap attributes = source.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (attribute.getPrefix() == null && !"xmlns".equals(attribute.getName())) {
                element.attribute(attribute.getName(), attribute.getValue());
            }
        }
        for (Node child = source.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                element.add(element(childElement));
            } else if (child instanceof CharacterData text && !(text instanceof Comment)) {
                element.text(text.getData());
            }
        }
        return element;
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
}
