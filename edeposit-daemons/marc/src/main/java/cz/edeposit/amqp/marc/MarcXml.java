package cz.edeposit.amqp.marc;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads MARC records from OAI-MARC ({@code oai_marc} with {@code fixfield}, {@code varfield} and
 * {@code subfield label}) and from MARC XML slim ({@code leader}, {@code controlfield},
 * {@code datafield} and {@code subfield code}), namespaced or not.
 *
 * <p>A record is any {@code record} element; an X-Services answer wraps one in {@code present} or
 * {@code find-doc}, a MARC XML file may hold a {@code collection} of them. Values are trimmed, and
 * fields without a tag are skipped, as the original parser did ({@link MarcFields}).
 *
 * <p>The text is read with the JDK's streaming parser, strictly: the whole document must be well-formed,
 * a document type declaration is refused (so nothing external is ever read and no entity is expanded),
 * and elements nest at most {@link SafeXml#MAX_ELEMENT_DEPTH} deep, as {@link SafeXml} does for a DOM.
 * What it refuses is named with its line and column. Only the {@code record} elements are kept in
 * memory, as small trees of their own ({@link MarcElement}).
 */
public final class MarcXml {

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(MarcXml::newFactory);

    private MarcXml() {
    }

    /**
     * The first record in {@code xml}.
     *
     * @throws MarcFormatException when the text is not well-formed XML or has no record
     */
    public static MarcRecord parse(String xml) {
        List<MarcElement> records = records(xml);
        if (records.isEmpty()) {
            throw new MarcFormatException("There is no <record> in the MARC XML document.");
        }
        return MarcFields.read(records.get(0));
    }

    /**
     * Every record in {@code xml} (records nested in another record are not counted twice).
     *
     * @throws MarcFormatException when the text is not well-formed XML
     */
    public static List<MarcRecord> parseAll(String xml) {
        List<MarcElement> records = records(xml);
        List<MarcRecord> out = new ArrayList<>(records.size());
        for (MarcElement record : records) {
            out.add(MarcFields.read(record));
        }
        return out;
    }

    /** The outermost {@code record} elements of the whole (well-formed) document, in order. */
    private static List<MarcElement> records(String xml) {
        if (xml == null) {
            throw new MarcFormatException("The MARC XML document is missing (null).");
        }
        List<MarcElement> records = new ArrayList<>();
        Deque<MarcElement> open = new ArrayDeque<>();
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD -> throw refused(reader, "a document type declaration (DOCTYPE) is not"
                            + " allowed: the reader loads no DTD and expands no entity");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > SafeXml.MAX_ELEMENT_DEPTH) {
                            throw refused(reader, "elements nest deeper than " + SafeXml.MAX_ELEMENT_DEPTH);
                        }
                        start(reader, records, open);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        open.pollLast();
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peekLast().text(reader.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw refused(reader, "the entity &"
                            + reader.getLocalName() + "; is not one of XML's own");
                    default -> {
                    }
                }
            }
            return records;
        } catch (XMLStreamException e) {
            throw new MarcFormatException("The MARC record is not well-formed XML: " + describe(e), e);
        } finally {
            close(reader);
        }
    }

    private static void start(XMLStreamReader reader, List<MarcElement> records, Deque<MarcElement> open) {
        String name = reader.getLocalName();
        if (open.isEmpty() && !name.equals("record")) {
            return;
        }
        MarcElement element = new MarcElement(name);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            // A DOM's hasAttribute("tag") names the attribute as written: a prefixed one is another attribute.
            String prefix = reader.getAttributePrefix(i);
            if (prefix == null || prefix.isEmpty()) {
                element.attribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
        }
        if (open.isEmpty()) {
            records.add(element);
        } else {
            open.peekLast().add(element);
        }
        open.addLast(element);
    }

    private static MarcFormatException refused(XMLStreamReader reader, String what) {
        Location at = reader.getLocation();
        return new MarcFormatException("The MARC record is not accepted: line " + at.getLineNumber() + ", column "
                + at.getColumnNumber() + ": " + what);
    }

    // The JDK's message starts "ParseError at [row,col]:[1,5]\nMessage: "; one line reads better in a log.
    private static String describe(XMLStreamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int text = message.indexOf("Message: ");
        String what = text >= 0 ? message.substring(text + "Message: ".length()) : message;
        Location at = e.getLocation();
        return at == null ? what : "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": " + what;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Closing a reader of a string frees nothing that could fail; the result stands.
            }
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("the MARC reader resolves nothing external: " + systemId);
        });
        return factory;
    }
}
