package cz.edeposit.amqp.mods;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A MODS document under construction: the root and helpers that add {@code mods:} elements to it. */
final class ModsBuilder {

    static final String MODS_NS = "http://www.loc.gov/mods/v3";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    static final String SCHEMA_LOCATION = MODS_NS + " http://www.loc.gov/standards/mods/v3/mods-3-4.xsd";

    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK cannot build an empty DOM", e);
        }
    });

    private final Document document;
    private final Element root;

    ModsBuilder(String id) {
        document = BUILDER.get().newDocument();
        root = document.createElementNS(MODS_NS, "mods:mods");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:xsi", XSI_NS);
        root.setAttribute("version", "3.4");
        root.setAttribute("ID", id);
        root.setAttributeNS(XSI_NS, "xsi:schemaLocation", SCHEMA_LOCATION);
        document.appendChild(root);
    }

    Document document() {
        return document;
    }

    Element root() {
        return root;
    }

    /** A new top-level element. */
    Element top(String name) {
        return add(root, name);
    }

    /** A new empty child of {@code parent}. */
    Element add(Element parent, String name) {
        Element element = document.createElementNS(MODS_NS, "mods:" + name);
        parent.appendChild(element);
        return element;
    }

    /** A new child of {@code parent} holding {@code text}, with attribute name/value pairs; null when the text is blank. */
    Element text(Element parent, String name, String text, String... attributes) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Element element = add(parent, name);
        element.setTextContent(text.strip());
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                element.setAttribute(attributes[i], attributes[i + 1]);
            }
        }
        return element;
    }

    /** A new top-level element holding {@code text}; nothing when the text is blank. */
    Element topText(String name, String text, String... attributes) {
        return text(root, name, text, attributes);
    }
}
