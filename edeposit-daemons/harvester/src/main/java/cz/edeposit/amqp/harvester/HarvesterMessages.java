package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

import java.util.List;

/**
 * The harvester's own records as they travel on the wire (docs/harvester.md, "Messages"); their names collide with
 * storage's and aleph's, so they live here and nowhere else.
 */
public final class HarvesterMessages {

    /** One run's new books, published once per run to the portal's queue; nothing new means no message. */
    public record Publications(List<Publication> publications) {
        public Publications {
            publications = List.copyOf(publications);
        }
    }

    /** One announced book; {@code price} and {@code publisher} are text as the publisher wrote them. */
    public record Publication(String title, String price, String publisher, List<Author> authors,
                              Optionals optionals) {
        public Publication {
            authors = List.copyOf(authors);
        }
    }

    /** An author as the source names them, with a page about them when the source links one. */
    public record Author(String name, @JsonProperty("URL") String url) {
    }

    /** The thirteen optional details of a {@link Publication}; any may be null, {@code description} may hold HTML. */
    public record Optionals(@JsonProperty("sub_title") String subTitle, String format,
                            @JsonProperty("pub_date") String pubDate, @JsonProperty("pub_place") String pubPlace,
                            @JsonProperty("ISBN") String isbn, String description, String pages,
                            @JsonProperty("EAN") String ean, String language, String edition,
                            @JsonProperty("URL") String url, String binding,
                            @JsonProperty("is_ebook") boolean isEbook) {

        /** No detail known: the original sent {@code null} optionals then, and so do we (see {@link #orNull}). */
        static final Optionals NONE = new Optionals(null, null, null, null, null, null, null, null, null, null,
                null, null, false);

        /** {@code null} when nothing is known, as the original sent it. */
        Optionals orNull() {
            return equals(NONE) ? null : this;
        }
    }

    /** The structures a consumer of the harvester's messages (the portal, the tests) may decode. */
    public static final TypeRegistry PUBLISHED = TypeRegistry.of(
            MessageType.of(Publications.class),
            MessageType.of(Publication.class),
            MessageType.of(Author.class),
            MessageType.of(Optionals.class));

    private HarvesterMessages() {
    }
}
