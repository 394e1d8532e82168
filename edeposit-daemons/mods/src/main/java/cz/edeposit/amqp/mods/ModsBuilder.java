package cz.edeposit.amqp.mods;

import cz.edeposit.amqp.marc.SafeXml;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A MODS document under construction: the root and helpers that add {@code mods:} elements to it. Every text
 * and attribute goes in through {@link #text} and {@link #attribute}, which refuse a character XML 1.0 cannot
 * carry ({@link UnwritableValueException}) and a value the schema would refuse where it goes ({@link ModsTypes}):
 * what it makes is valid MODS 3.4 by construction.
 */
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
        String content = xmlText(text.strip());
        ModsTypes.content(name, content);
        Element element = add(parent, name);
        element.setTextContent(content);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            attribute(element, attributes[i], attributes[i + 1]);
        }
        return element;
    }

    /** Sets attribute {@code name} of {@code element} to {@code value}, as it is; nothing when the value is null. */
    void attribute(Element element, String name, String value) {
        if (value != null) {
            ModsTypes.attribute(element.getLocalName(), name, xmlText(value));
            element.setAttribute(name, value);
        }
    }

    /** A {@code nonSort} child holding {@code text} as it is: its trailing space belongs to it. */
    void nonSort(Element titleInfo, String text) {
        add(titleInfo, "nonSort").setTextContent(xmlText(text));
    }

    private static String xmlText(String text) {
        int at = SafeXml.firstNonXmlCharacter(text);
        if (at >= 0) {
            throw new UnwritableValueException("a value holds the character U+"
                    + String.format("%04X", text.codePointAt(at)) + " at index " + at + ", which XML 1.0 cannot carry");
        }
        return text;
    }

    /** A new top-level element holding {@code text}; nothing when the text is blank. */
    Element topText(String name, String text, String... attributes) {
        return text(root, name, text, attributes);
    }
}
