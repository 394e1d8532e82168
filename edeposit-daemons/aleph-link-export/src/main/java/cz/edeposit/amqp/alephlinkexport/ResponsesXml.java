package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads Aleph's {@code responses.xml} in one pass of a StAX reader without DTDs, accepting exactly
 * what {@code link_export_result.xsd} accepts (ResponsesXmlTest holds the two to the same corpus),
 * or refuses it whole. No schema validator and no DOM: together some 350 classes of the JDK's XML
 * and the compiled grammars that a daemon which reads a small file now and then would keep.
 * <pre>
 * results (in the result namespace)    white space, comments and processing instructions between elements
 *   result*  [session_id]              any string
 *     status                           exactly "OK" or "ERROR" (xs:string keeps white space)
 *     reason?                          any text
 * </pre>
 * No other element or attribute is accepted, and no child element of {@code status} or {@code reason};
 * of the schema instance attributes only {@code xsi:schemaLocation} and
 * {@code xsi:noNamespaceSchemaLocation}, whatever their values: hints, never followed (the schema is
 * the one in this jar). {@code xsi:type} and {@code xsi:nil} are refused: the schema would follow a
 * type the document names, which an answer of Aleph has no reason to do.
 */
final class ResponsesXml {

    /** A file that does not parse or fit the result schema; {@link #getMessage()} says why, for the log. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private static final XMLInputFactory FACTORY = factory();

    private ResponsesXml() {
    }

    /** The results in the file's order. */
    static List<LinkUpdateResponse> parse(byte[] content) throws Invalid {
        String text;
        try {
            // UTF-8 only, as the contract's examples: a string hides any other declared encoding from the parser.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new Invalid("it is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(new StringReader(text));
            return new Reading(xml).document();
        } catch (XMLStreamException e) {
            throw new Invalid("it is not well-formed XML: " + where(e.getLocation()) + message(e));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing is held open: the text is in memory
                }
            }
        }
    }

    /** One document's reading: each method consumes one element, its end tag included. */
    private record Reading(XMLStreamReader xml) {

        List<LinkUpdateResponse> document() throws XMLStreamException, Invalid {
            List<LinkUpdateResponse> results = new ArrayList<>();
            if (next(false) != XMLStreamConstants.START_ELEMENT || !is("results")) {
                throw invalid("the root element must be <results> in the namespace " + Schemas.RESULT_NS + ", not "
                        + name());
            }
            attributes(null);
            while (next(false) == XMLStreamConstants.START_ELEMENT) {
                if (!is("result")) {
                    throw invalid("<results> may hold only <result> elements, not " + name());
                }
                results.add(result());
            }
            while (xml.hasNext()) {
                next(false); // the end of the document: only comments, processing instructions and white space
            }
            return results;
        }

        private LinkUpdateResponse result() throws XMLStreamException, Invalid {
            String sessionId = attributes("session_id");
            if (next(false) != XMLStreamConstants.START_ELEMENT || !is("status")) {
                throw invalid("<result> must start with <status>, not " + name());
            }
            attributes(null);
            String status = text();
            if (!status.equals("OK") && !status.equals("ERROR")) {
                throw invalid("<status> must be OK or ERROR, not '" + shorten(status) + "'");
            }
            String reason = null;
            int event = next(false);
            if (event == XMLStreamConstants.START_ELEMENT && is("reason")) {
                attributes(null);
                reason = text();
                event = next(false);
            }
            if (event != XMLStreamConstants.END_ELEMENT) {
                throw invalid("<result> may hold only <status> and then <reason>, not " + name());
            }
            return new LinkUpdateResponse(status, sessionId, reason);
        }

        /**
         * The next event that is not a comment or processing instruction; text other than white space
         * only if {@code textAllowed}.
         */
        private int next(boolean textAllowed) throws XMLStreamException, Invalid {
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.SPACE -> {
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!textAllowed && !whiteSpace(xml.getText())) {
                            throw invalid("text '" + shorten(xml.getText().strip()) + "' where only elements may be");
                        }
                        if (textAllowed) {
                            return event;
                        }
                    }
                    case XMLStreamConstants.DTD -> throw invalid("it declares a document type (<!DOCTYPE>), which is refused");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw invalid("it refers to an entity that is not XML's own");
                    default -> {
                        return event;
                    }
                }
            }
        }

        /** The text of a simple element whose start tag was just read, its end tag consumed. */
        private String text() throws XMLStreamException, Invalid {
            StringBuilder text = new StringBuilder();
            String element = xml.getLocalName();
            while (true) {
                int event = next(true);
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    return text.toString();
                } else {
                    throw invalid("<" + element + "> may hold only text, not " + name());
                }
            }
        }

        /**
         * Checks the attributes of the element just started: none but {@code allowed} (no namespace)
         * and the schema instance's location hints. The value of {@code allowed}, or {@code null}.
         */
        private String attributes(String allowed) throws Invalid {
            String value = null;
            for (int i = 0; i < xml.getAttributeCount(); i++) {
                String namespace = xml.getAttributeNamespace(i);
                String local = xml.getAttributeLocalName(i);
                if ((namespace == null || namespace.isEmpty()) && local.equals(allowed)) {
                    value = xml.getAttributeValue(i);
                } else if (XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(namespace)
                        && (local.equals("noNamespaceSchemaLocation") || local.equals("schemaLocation"))) {
                    continue; // hints only: the schema is the one in this jar
                } else {
                    throw invalid("<" + xml.getLocalName() + "> may not have the attribute "
                            + (namespace == null || namespace.isEmpty() ? "" : "{" + namespace + "}") + local);
                }
            }
            return value;
        }

        private boolean is(String localName) {
            return Schemas.RESULT_NS.equals(xml.getNamespaceURI()) && localName.equals(xml.getLocalName());
        }

        private String name() {
            return switch (xml.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> "<" + xml.getLocalName() + ">" + namespace();
                case XMLStreamConstants.END_ELEMENT -> "its end";
                case XMLStreamConstants.END_DOCUMENT -> "the end of the file";
                default -> "text";
            };
        }

        private String namespace() {
            String namespace = xml.getNamespaceURI();
            return Schemas.RESULT_NS.equals(namespace) ? "" : namespace == null || namespace.isEmpty() ? " in no namespace"
                    : " in the namespace " + namespace;
        }

        private Invalid invalid(String why) {
            return new Invalid("it does not fit link_export_result.xsd: " + where(xml.getLocation()) + why);
        }
    }

    private static boolean whiteSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    private static String where(Location location) {
        return location != null && location.getLineNumber() > 0
                ? "line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ": " : "";
    }

    /** The parser's message without the place it prepends (given by {@link #where}). */
    private static String message(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return at >= 0 ? message.substring(at + "Message: ".length()) : message;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("refused to load " + systemId);
        });
        return factory;
    }
}
