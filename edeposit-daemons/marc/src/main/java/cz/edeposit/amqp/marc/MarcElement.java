package cz.edeposit.amqp.marc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a record as {@link MarcFields} reads it: its local name, its attributes without a
 * prefix, and its children (elements and text) in document order. Both readers ({@link MarcXml} from
 * text, {@link MarcDom} from a DOM) build these, so that one walk gives both the same records.
 */
final class MarcElement {

    private final String name;
    private final Map<String, String> attributes = new HashMap<>(4);
    private final List<Object> children = new ArrayList<>(4);

    MarcElement(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void attribute(String attributeName, String value) {
        attributes.put(attributeName, value);
    }

    /** The value of the unprefixed attribute {@code attributeName}, or null when there is none. */
    String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    void add(MarcElement child) {
        children.add(child);
    }

    /** Appends text, joining it to the text just before (text, CDATA and entities make one string as in a DOM). */
    void text(String text) {
        int last = children.size() - 1;
        if (last >= 0 && children.get(last) instanceof StringBuilder builder) {
            builder.append(text);
        } else {
            children.add(new StringBuilder(text));
        }
    }

    /** The child elements, in order. */
    List<MarcElement> elements() {
        List<MarcElement> out = new ArrayList<>(children.size());
        for (Object child : children) {
            if (child instanceof MarcElement element) {
                out.add(element);
            }
        }
        return out;
    }

    /** All the text inside, as the DOM's {@code getTextContent} gives it. */
    String textContent() {
        StringBuilder out = new StringBuilder();
        appendText(out);
        return out.toString();
    }

    private void appendText(StringBuilder out) {
        for (Object child : children) {
            if (child instanceof MarcElement element) {
                element.appendText(out);
            } else {
                out.append((StringBuilder) child);
            }
        }
    }

    /** The descendants (itself excluded) named {@code localName}, in document order. */
    List<MarcElement> descendants(String localName) {
        List<MarcElement> out = new ArrayList<>();
        collect(localName, out);
        return out;
    }

    private void collect(String localName, List<MarcElement> out) {
        for (Object child : children) {
            if (child instanceof MarcElement element) {
                if (element.name.equals(localName)) {
                    out.add(element);
                }
                element.collect(localName, out);
            }
        }
    }
}
