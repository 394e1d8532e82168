package cz.edeposit.amqp.marc;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses XML that comes from outside (catalogue answers, MARC records in messages) into a DOM
 * without ever resolving anything external: a document type declaration is refused outright, so
 * there are no external entities, no DTD loading and no entity expansion attacks. Elements may nest
 * at most {@value #MAX_ELEMENT_DEPTH} deep, so that walking the tree cannot overflow the stack.
 */
public final class SafeXml {

    /**
     * The deepest element nesting accepted. MARC XML and OAI MARC records nest about 6 deep inside
     * an X-Services answer; the DOM's recursive walks ({@code getTextContent}) overflow a 512 KiB
     * thread stack at a few thousand levels.
     */
    public static final int MAX_ELEMENT_DEPTH = 100;

    /** The JDK parser's name for its element depth limit (system property {@code jdk.xml.maxElementDepth}). */
    private static final String MAX_ELEMENT_DEPTH_PROPERTY = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SafeXml::newBuilder);

    private SafeXml() {
    }

    /**
     * Parses {@code xml} namespace-aware.
     *
     * @throws SAXException when the text is not well-formed, declares a document type, or nests
     *                      elements deeper than {@link #MAX_ELEMENT_DEPTH}
     */
    public static Document parse(String xml) throws SAXException {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        builder.setErrorHandler(THROWING);
        try {
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (IOException e) {
            // A StringReader does not fail; keep the signature honest anyway.
            throw new SAXException("cannot read the XML text: " + e.getMessage(), e);
        }
    }

    /** The descendants of {@code root} (itself excluded) whose local name is {@code localName}, in document order. */
    public static List<Element> descendants(Node root, String localName) {
        NodeList nodes = root instanceof Document document
                ? document.getElementsByTagNameNS("*", localName)
                : ((Element) root).getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /**
     * The index of the first character of {@code text} that XML 1.0 cannot carry (the control characters but
     * tab and line ends, U+FFFE, U+FFFF, a lone surrogate), or -1: JSON carries them all, and a document
     * holding one is not well-formed, so text from a message is checked before it goes into XML.
     */
    public static int firstNonXmlCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** The local name of an element, whether or not it is in a namespace. */
    public static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static DocumentBuilder newBuilder() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(MAX_ELEMENT_DEPTH_PROPERTY, Integer.toString(MAX_ELEMENT_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required safety feature", e);
        }
    }

    // The default handler prints "[Fatal Error]" lines to stderr before throwing.
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}
