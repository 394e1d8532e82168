package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.JsonNode;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.IsbnQuery;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.Query;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.TitleQuery;
import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code USE_ALEPH_FILTER}: whether the catalogue holds a book already, decided as the original did
 * (edeposit.amqp.harvester's {@code filters/aleph_filter.py}): ask by ISBN when the book has one, else by title; a
 * record matches by ISBN when its title is 80 % alike, by title when its title is 80 % alike and, with
 * {@code ALEPH_FILTER_BY_AUTHOR}, one of its authors is 50 % alike one of the book's.
 */
final class AlephFilter {

    static final double TITLE_THRESHOLD = 80;
    static final double AUTHOR_THRESHOLD = 50;

    /** The catalogue as the filter sees it: the {@code parsed_info} of each record a query finds. */
    interface Catalogue {
        /** @throws AlephCheckFailed on a time-out, an exception reply or a broker failure */
        List<JsonNode> search(Query query) throws AlephCheckFailed, InterruptedException;
    }

    /** The check of one book could not be made; the book is then neither sent nor remembered. */
    static final class AlephCheckFailed extends Exception {
        AlephCheckFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Catalogue catalogue;
    private final boolean byAuthor;

    AlephFilter(Catalogue catalogue, boolean byAuthor) {
        this.catalogue = catalogue;
        this.byAuthor = byAuthor;
    }

    /** The query for a book: its ISBN as the source wrote it, else its title. */
    static Query query(Publication book) {
        String isbn = book.optionals() == null ? null : book.optionals().isbn();
        return isbn != null && !isbn.isBlank() ? new IsbnQuery(isbn, null) : new TitleQuery(book.title(), null);
    }

    /** Whether Aleph already holds {@code book}. */
    boolean inCatalogue(Publication book) throws AlephCheckFailed, InterruptedException {
        Query query = query(book);
        return matches(book, query instanceof IsbnQuery, catalogue.search(query));
    }

    /** The original's decision on the records a query found. */
    boolean matches(Publication book, boolean byIsbn, List<JsonNode> records) {
        for (JsonNode record : records) {
            if (record == null || compareNames(text(record, "nazev"), book.title()) < TITLE_THRESHOLD) {
                continue;
            }
            if (byIsbn || !byAuthor) {
                return true;
            }
            for (JsonNode author : record.path("autori")) {
                String name = text(author, "firstName") + " " + text(author, "lastName") + " " + text(author, "title");
                for (Author bookAuthor : book.authors()) {
                    if (compareNames(name, bookAuthor.name()) >= AUTHOR_THRESHOLD) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : "";
    }

    /**
     * The original's similarity of two names in per cent: both as words of ASCII letters, longest first; of the
     * first n words of the first name (n the shorter length), the share found among the second's words.
     */
    static double compareNames(String first, String second) {
        List<String> a = nameToVector(first);
        List<String> b = nameToVector(second);
        int pairs = Math.min(a.size(), b.size());
        if (pairs == 0) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < pairs; i++) {
            if (b.contains(a.get(i))) {
                same++;
            }
        }
        return 100.0 * same / pairs;
    }

    /** {@code "ing. Franta Putšálek"} to {@code [putsalek, franta, ing]}: the original's {@code name_to_vector}. */
    static List<String> nameToVector(String name) {
        String ascii = Normalizer.normalize(name == null ? "" : name.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD)
                .replaceAll("[^\\x00-\\x7F]", "");
        StringBuilder letters = new StringBuilder();
        ascii.chars().filter(c -> Character.isLetter(c) || c == ' ').forEach(letters::appendCodePoint);
        List<String> words = new ArrayList<>();
        for (String word : letters.toString().split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        // Stable, as Python's sorted: words of one length keep their order.
        words.sort(Comparator.comparingInt(String::length).reversed());
        return words;
    }
}
