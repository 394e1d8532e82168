package cz.edeposit.amqp.mods;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes the DOM of {@link ModsBuilder} as text, character for character as the JDK's identity
 * {@code Transformer} (indented by two) wrote it before: that serializer and the XSLT machinery
 * around it loaded some 200 classes (with the charsets and parser parts it pulls in) and compiled
 * code of their own in every daemon that maps MODS (docs/performance.md, "Memory").
 * {@code ModsWriterTest} compares the two on the tests' records and on hostile characters.
 *
 * <p>It writes only what the builder makes: elements of the MODS namespace, each holding either
 * elements or one text, plain attributes, and the root's {@code xsi} declaration and schema
 * location. Anything else is refused, so that a change of the builder cannot go out written wrong.
 */
final class ModsWriter {

    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final String LINE = "\n";
    private static final String INDENT = "  ";

    private ModsWriter() {
    }

    /** The document with its XML declaration, as sent. */
    static String write(Document document) {
        StringBuilder out = new StringBuilder(4096).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").append(LINE);
        Element root = document.getDocumentElement();
        out.append('<').append(root.getTagName());
        element(root, 0, out);
        return out.append(LINE).toString();
    }

    /** The rest of an element from its attributes on: its start tag is open. */
    private static void element(Element element, int depth, StringBuilder out) {
        requireMods(element);
        attributes(element, out);
        if (depth == 0) {
            // The serializer declared the element's own namespace after its attributes.
            out.append(" xmlns:mods=\"").append(ModsBuilder.MODS_NS).append('"');
        }
        Node first = element.getFirstChild();
        if (first == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (first.getNodeType() == Node.TEXT_NODE && first.getNextSibling() == null) {
            escape(first.getNodeValue(), false, out);
        } else {
            for (Node child = first; child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element childElement)) {
                    throw new IllegalStateException("a MODS element mixes text and elements: " + element.getTagName());
                }
                newLine(depth + 1, out);
                out.append('<').append(childElement.getTagName());
                element(childElement, depth + 1, out);
            }
            newLine(depth, out);
        }
        out.append("</").append(element.getTagName()).append('>');
    }

    private static void requireMods(Element element) {
        if (!ModsBuilder.MODS_NS.equals(element.getNamespaceURI()) || !"mods".equals(element.getPrefix())) {
            throw new IllegalStateException("not a mods: element: " + element.getTagName());
        }
    }

    /** Namespace declarations first, then the other attributes, each in the DOM's order, as the serializer wrote them. */
    private static void attributes(Element element, StringBuilder out) {
        NamedNodeMap attributes = element.getAttributes();
        boolean root = element.getParentNode() instanceof Document;
        for (boolean declarations : new boolean[] {true, false}) {
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (XMLNS_NS.equals(attribute.getNamespaceURI()) == declarations) {
                    known(attribute, root);
                    out.append(' ').append(attribute.getName()).append("=\"");
                    escape(attribute.getValue(), true, out);
                    out.append('"');
                }
            }
        }
    }

    /** Plain attributes anywhere, and on the root the {@code xsi} declaration and schema location only. */
    private static void known(Attr attribute, boolean root) {
        String namespace = attribute.getNamespaceURI();
        boolean declaration = XMLNS_NS.equals(namespace) && "xmlns:xsi".equals(attribute.getName())
                && ModsBuilder.XSI_NS.equals(attribute.getValue());
        boolean schemaLocation = ModsBuilder.XSI_NS.equals(namespace) && "xsi:schemaLocation".equals(attribute.getName());
        if (namespace != null && !(root && (declaration || schemaLocation))) {
            throw new IllegalStateException("an attribute the MODS writer does not know: " + attribute.getName());
        }
    }

    private static void newLine(int depth, StringBuilder out) {
        out.append(LINE);
        for (int i = 0; i < depth; i++) {
            out.append(INDENT);
        }
    }

    /**
     * Escapes as the JDK's serializer did: the markup characters as entities ({@code "} in attributes
     * only); as character references every C0 control but tab and line feed in text, every one in
     * attributes, the C1 controls in text only, characters beyond the Basic Multilingual Plane, and a
     * low surrogate without its high one. A high surrogate without its low one is refused: the
     * serializer failed on it or left it out, depending on what its buffer held after it.
     */
    private static void escape(String text, boolean attribute, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    throw new IllegalStateException("a MODS text holds a high surrogate without its low one");
                }
                out.append("&#").append(Character.toCodePoint(c, text.charAt(++i))).append(';');
            } else if (Character.isLowSurrogate(c)
                    || (c < 0x20 && (attribute || (c != '\t' && c != '\n')))
                    || (!attribute && c >= 0x7F && c <= 0x9F)) {
                out.append("&#").append((int) c).append(';');
            } else if (c == '&') {
                out.append("&amp;");
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '"' && attribute) {
                out.append("&quot;");
            } else {
                out.append(c);
            }
        }
    }
}
