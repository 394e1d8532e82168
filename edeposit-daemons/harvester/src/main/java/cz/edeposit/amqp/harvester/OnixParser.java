package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams an ONIX for Books 3.0 message (reference or short tags) with the JDK's StAX, one {@code Product} in memory
 * at a time; DTDs and external entities are off, since the document comes from a publisher's server.
 */
final class OnixParser {

    private static final Logger LOG = LoggerFactory.getLogger(OnixParser.class);

    /** The composites whose fields only mean something together (a type code and its value). */
    private static final Set<String> COMPOSITES = Set.of("ProductIdentifier", "TitleElement", "Contributor", "Language",
            "Extent", "TextContent", "Publisher", "PublishingDate", "Price");

    /** A field longer than this is hostile or broken; descriptions are a few KiB. */
    static final int MAX_FIELD_CHARS = 1 << 20;

    private static final XMLInputFactory FACTORY = factory();

    private OnixParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * Reads every product, giving each new, titled one to {@code sink}; returns how many were skipped (deletions and
     * products without a title).
     */
    static int parse(InputStream in, String defaultPublisher, Consumer<Publication> sink) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(in);
        int skipped = 0;
        try {
            OnixProduct product = null;
            Deque<Map<String, String>> composites = new ArrayDeque<>();
            StringBuilder text = new StringBuilder();
            int textDepth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (product == null) {
                    if (event == XMLStreamConstants.START_ELEMENT && OnixTags.reference(reader.getLocalName()).equals("Product")) {
                        product = new OnixProduct();
                        composites.clear();
                        text.setLength(0);
                    }
                    continue;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = OnixTags.reference(reader.getLocalName());
                    if (textDepth > 0) {
                        // XHTML inside a description: its tags are kept, their attributes (links, scripts) not.
                        textDepth++;
                        append(text, "<" + reader.getLocalName() + ">");
                        continue;
                    }
                    if (COMPOSITES.contains(name)) {
                        composites.push(new HashMap<>());
                    }
                    textDepth = name.equals("Text") ? 1 : 0;
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    append(text, reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = OnixTags.reference(reader.getLocalName());
                    if (textDepth > 1) {
                        textDepth--;
                        append(text, "</" + reader.getLocalName() + ">");
                        continue;
                    }
                    textDepth = 0;
                    if (name.equals("Product")) {
                        if (product.deleted()) {
                            skipped++;
                        } else if (product.title == null || product.title.isBlank()) {
                            LOG.warn("skipping an ONIX product without a title (ISBN {})", product.isbn);
                            skipped++;
                        } else {
                            sink.accept(product.publication(defaultPublisher));
                        }
                        product = null;
                    } else if (COMPOSITES.contains(name) && !composites.isEmpty()) {
                        product.composite(name, composites.pop());
                    } else {
                        field(product, composites, name, text.toString().strip());
                    }
                    text.setLength(0);
                }
            }
        } finally {
            reader.close();
        }
        return skipped;
    }

    /** Appends up to {@link #MAX_FIELD_CHARS}: a longer field is cut, not kept whole in memory. */
    private static void append(StringBuilder text, String piece) {
        if (text.length() < MAX_FIELD_CHARS) {
            text.append(piece, 0, Math.min(piece.length(), MAX_FIELD_CHARS - text.length()));
        }
    }

    private static void field(OnixProduct product, Deque<Map<String, String>> composites, String name, String value) {
        if (!composites.isEmpty()) {
            composites.peek().putIfAbsent(name, value);
            return;
        }
        switch (name) {
            case "NotificationType" -> product.notificationType = value;
            case "ProductForm" -> product.productForm = value;
            case "EditionNumber" -> product.edition = value;
            case "CityOfPublication" -> product.city = product.city == null ? value : product.city;
            default -> {
                // elements the harvester does not read
            }
        }
    }
}
