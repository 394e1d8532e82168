package cz.edeposit.amqp.aleph;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The query structures a {@code SearchRequest} or {@code CountRequest} carries (docs/aleph.md, "Requests and replies").
 *
 * <p>A {@code base} or {@code library} omitted on the wire decodes as null and stands for the
 * daemon's {@code ALEPH_DEFAULT_BASE} or {@code DEFAULT_LIBRARY} setting, as the original's
 * constructor defaults did.
 */
public sealed interface AlephQuery {

    /** A query answered by an X-Services {@code find}: a search field, a phrase and a base. */
    sealed interface FieldSearch extends AlephQuery {
        /** The base searched, or null for the default base. */
        String base();

        /** The X-Services search field code, e.g. {@code sbn}. */
        String field();

        /** What is looked for. */
        String phrase();
    }

    /** Books by ISBN (field {@code sbn}); an ISBN is not unique, so several records may come back. */
    record ISBNQuery(@JsonProperty("ISBN") String isbn, String base) implements FieldSearch {
        @Override
        public String field() {
            return "sbn";
        }

        @Override
        public String phrase() {
            return isbn;
        }
    }

    /** Books by author (field {@code wau}). */
    record AuthorQuery(String author, String base) implements FieldSearch {
        @Override
        public String field() {
            return "wau";
        }

        @Override
        public String phrase() {
            return author;
        }
    }

    /** Books by publisher (field {@code wpb}). */
    record PublisherQuery(String publisher, String base) implements FieldSearch {
        @Override
        public String field() {
            return "wpb";
        }

        @Override
        public String phrase() {
            return publisher;
        }
    }

    /** Books by title (field {@code wtl}). */
    record TitleQuery(String title, String base) implements FieldSearch {
        @Override
        public String field() {
            return "wtl";
        }

        @Override
        public String phrase() {
            return title;
        }
    }

    /** Records by identification number, e.g. {@code nkc20150003029} (field {@code icz}). */
    record ICZQuery(String icz, String base) implements FieldSearch {
        @Override
        public String field() {
            return "icz";
        }

        @Override
        public String phrase() {
            return icz;
        }
    }

    /**
     * A search in any of the 23 X-Services fields ({@link SearchFields}); {@code considerSimilar}
     * is accepted and ignored, as in the original.
     */
    record GenericQuery(String base, String phrase, Boolean considerSimilar, String field) implements FieldSearch {
    }

    /** A direct fetch of one document by system number; {@code library} is sent to X-Services as the base. */
    record DocumentQuery(@JsonProperty("doc_id") String docId, String library) implements AlephQuery {
    }
}
