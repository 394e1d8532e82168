package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams an Atom 1.0 or RSS 0.9x-2.0 feed with StAX (DTDs off): each {@code entry} or {@code item} is a book with its
 * title, authors (Atom {@code author/name}, {@code dc:creator}, RSS {@code author}), link, summary and date; the ISBN
 * from a {@code dc:identifier} {@code urn:isbn:...}, else the source's {@code isbn_regex} on the summary, and the
 * price from its {@code price_regex}. Written on StAX because Rome, which the issue names, is not among the build's
 * packages.
 */
final class FeedParser {

    private static final XMLInputFactory FACTORY = factory();

    private FeedParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** Gives each titled entry to {@code sink}; returns how many were skipped for want of a title. */
    static int parse(InputStream in, URI base, HarvesterSource source, Consumer<Publication> sink) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(in);
        int skipped = 0;
        try {
            Entry entry = null;
            boolean inAuthor = false;
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (name.equals("entry") || name.equals("item")) {
                        entry = new Entry();
                    } else if (entry != null && name.equals("author")) {
                        inAuthor = true;
                    } else if (entry != null && name.equals("link") && reader.getAttributeValue(null, "href") != null) {
                        String rel = reader.getAttributeValue(null, "rel");
                        if (rel == null || rel.equals("alternate")) {
                            entry.link = reader.getAttributeValue(null, "href");
                        }
                    }
                    text.setLength(0);
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (text.length() < OnixParser.MAX_FIELD_CHARS) {
                        text.append(reader.getText(), 0, Math.min(reader.getTextLength(),
                                OnixParser.MAX_FIELD_CHARS - text.length()));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && entry != null) {
                    String name = reader.getLocalName();
                    String value = text.toString().strip();
                    switch (name) {
                        case "entry", "item" -> {
                            if (entry.title == null || entry.title.isEmpty()) {
                                skipped++;
                            } else {
                                sink.accept(entry.publication(base, source));
                            }
                            entry = null;
                        }
                        case "title" -> entry.title = entry.title == null ? value : entry.title;
                        case "name" -> {
                            if (inAuthor && !value.isEmpty()) {
                                entry.authors.add(value);
                            }
                        }
                        case "author" -> {
                            // RSS 2.0 <author> is text; Atom's holds <name>, handled above.
                            if (inAuthor && !value.isEmpty()) {
                                entry.authors.add(value);
                            }
                            inAuthor = false;
                        }
                        case "creator" -> {
                            if (!value.isEmpty()) {
                                entry.authors.add(value);
                            }
                        }
                        case "link" -> entry.link = entry.link == null && !value.isEmpty() ? value : entry.link;
                        case "summary", "description", "content" -> entry.summary = entry.summary == null ? value : entry.summary;
                        case "updated", "published", "pubDate", "date" -> entry.date = entry.date == null ? value : entry.date;
                        case "identifier" -> {
                            if (value.toLowerCase(java.util.Locale.ROOT).startsWith("urn:isbn:")) {
                                entry.isbn = value.substring(9).strip();
                            }
                        }
                        default -> {
                            // elements a book record does not use
                        }
                    }
                    text.setLength(0);
                }
            }
        } finally {
            reader.close();
        }
        return skipped;
    }

    /** One entry while it is read. */
    private static final class Entry {
        String title;
        final List<String> authors = new ArrayList<>();
        String link;
        String summary;
        String date;
        String isbn;

        Publication publication(URI base, HarvesterSource source) {
            String found = isbn != null ? isbn : find(source.isbnRegex(), summary).orElse(null);
            String price = find(source.priceRegex(), summary).orElse("");
            String url = link == null ? null : resolve(base, link);
            String normalised = found == null ? null : HarvesterKeys.isbn13(found).orElse(found);
            Optionals optionals = new Optionals(null, null, date, null, normalised,
                    summary == null || summary.isEmpty() ? null : summary, null, null, null, null, url, null, false);
            return new Publication(title, price, source.publisher(), authors.stream().distinct()
                    .map(name -> new Author(name, null)).toList(), optionals.orNull());
        }
    }

    private static String resolve(URI base, String link) {
        try {
            URI resolved = base.resolve(link.strip());
            String scheme = resolved.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Group 1 of the first match when the pattern has a group, else the whole match. */
    private static Optional<String> find(Optional<Pattern> pattern, String text) {
        if (pattern.isEmpty() || text == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.get().matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.ofNullable(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group()).map(String::strip);
    }
}
