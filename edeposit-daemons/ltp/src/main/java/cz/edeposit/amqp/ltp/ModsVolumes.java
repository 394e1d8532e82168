package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.marc.MarcRecord;
import cz.edeposit.amqp.marc.SafeXml;
import cz.edeposit.amqp.mods.MarcToMods;
import cz.edeposit.amqp.mods.ModsDocument;
import cz.edeposit.amqp.mods.ModsSchema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

/**
 * The package's MODS: the shared mapping's document per record ({@code MODS_VOLUME_000n}), with the
 * publication's URN:NBN added as {@code <identifier type="urnnbn">} and validated again.
 */
final class ModsVolumes {

    static final String MODS_NS = "http://www.loc.gov/mods/v3";

    private ModsVolumes() {
    }

    /** One validated MODS document per record, in record order; {@code warnings} collects what to log. */
    static List<String> of(List<MarcRecord> records, String uuid, String url, String urnNbn, List<String> warnings) {
        List<String> out = new ArrayList<>(records.size());
        for (ModsDocument mods : MarcToMods.convert(records, uuid, url)) {
            warnings.addAll(mods.warnings());
            out.add(urnNbn == null || urnNbn.isBlank() ? mods.xml() : withUrnNbn(mods.xml(), urnNbn.strip()));
        }
        return out;
    }

    /** The file name of the {@code number}-th volume: {@code mods_volume.xml}, then {@code mods_volume_2.xml}... */
    static String fileName(int number) {
        return number == 1 ? "mods_volume.xml" : "mods_volume_" + number + ".xml";
    }

    private static String withUrnNbn(String xml, String urnNbn) {
        Document document;
        try {
            document = SafeXml.parse(xml);
        } catch (SAXException e) {
            throw new IllegalStateException("the MODS mapping wrote XML that does not parse: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        Element identifier = document.createElementNS(MODS_NS, root.getPrefix() == null ? "identifier"
                : root.getPrefix() + ":identifier");
        identifier.setAttribute("type", "urnnbn");
        identifier.setTextContent(urnNbn);
        Node after = lastIdentifier(root);
        Node before = after == null ? null : after.getNextSibling();
        root.insertBefore(document.createTextNode("\n  "), before);
        root.insertBefore(identifier, before);
        if (after == null) {
            root.insertBefore(document.createTextNode("\n"), null);
        }
        ModsSchema.validate(document);
        return serialize(document);
    }

    private static Node lastIdentifier(Element root) {
        Node last = null;
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "identifier".equals(element.getLocalName())) {
                last = child;
            }
        }
        return last;
    }

    private static String serialize(Document document) {
        StringWriter out = new StringWriter();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize a MODS DOM: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
