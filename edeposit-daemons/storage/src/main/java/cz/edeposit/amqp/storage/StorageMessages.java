package cz.edeposit.amqp.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

import java.util.List;

/**
 * The storage's structures as they travel on the wire (docs/storage.md, "Messages"), and its decode allow-list.
 */
public final class StorageMessages {

    /** What a {@link SaveRequest} stores and a {@link SearchRequest} uses as its template. */
    public sealed interface StorageRecord permits Publication, Archive, Tree {
    }

    /**
     * One publication with its file; every field may be null. In a reply {@code b64Data} is null
     * (or the file, from a full search), {@code url} its download address and {@code filePointer}
     * the stored file's absolute path.
     */
    public record Publication(String title, String author, @JsonProperty("pub_year") String pubYear, String isbn,
                              String urnnbn, String uuid, @JsonProperty("aleph_id") String alephId,
                              @JsonProperty("producent_id") String producentId,
                              @JsonProperty("is_public") Boolean isPublic, String filename,
                              @JsonProperty("is_periodical") Boolean isPeriodical, String path,
                              @JsonProperty("b64_data") String b64Data, String url,
                              @JsonProperty("file_pointer") String filePointer) implements StorageRecord {

        /** This publication with other data, URL and file pointer. */
        Publication with(String data, String newUrl, String pointer) {
            return new Publication(title, author, pubYear, isbn, urnnbn, uuid, alephId, producentId, isPublic,
                    filename, isPeriodical, path, data, newUrl, pointer);
        }
    }

    /** A zip archive: {@code b64Data} is the zip, {@code dirPointer} the directory it was unpacked into. */
    public record Archive(String isbn, String uuid, @JsonProperty("aleph_id") String alephId,
                          @JsonProperty("b64_data") String b64Data,
                          @JsonProperty("dir_pointer") String dirPointer) implements StorageRecord {
    }

    /**
     * A periodical's tree: its issues ({@code subTrees}) and publications (their UUIDs).
     *
     * @param pathArray one element, the tree's path; empty or blank means {@code name}
     */
    public record Tree(String name, @JsonProperty("sub_trees") List<Tree> subTrees,
                       @JsonProperty("sub_publications") List<String> subPublications,
                       @JsonProperty("aleph_id") String alephId, String issn,
                       @JsonProperty("is_public") Boolean isPublic,
                       @JsonProperty("path_array") List<String> pathArray) implements StorageRecord {
    }

    /** Where a saved tree can be read. */
    public record TreeInfo(String path, @JsonProperty("url_by_path") String urlByPath,
                           @JsonProperty("url_by_issn") String urlByIssn) {
    }

    /** Store {@code record}: a publication, an archive or a tree. */
    public record SaveRequest(StorageRecord record) {
    }

    /**
     * Find the publications or archives whose fields equal every non-null field of {@code query}.
     *
     * @param pub the portal's (Plone's) name for {@code query}, accepted as an alias (docs/storage.md)
     */
    public record SearchRequest(StorageRecord query, @JsonProperty("light_request") Boolean lightRequest,
                                StorageRecord pub) {

        /** A request as the original defined it, without the alias. */
        public SearchRequest(StorageRecord query, boolean lightRequest) {
            this(query, lightRequest, null);
        }
    }

    /** The records a {@link SearchRequest} found. */
    public record SearchResult(List<StorageRecord> records) {
    }

    /** The only structures a request to the storage may contain. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(SaveRequest.class),
            MessageType.of(SearchRequest.class).withDefault("query", null).withDefault("light_request", false)
                    .withDefault("pub", null),
            publication(),
            archive(),
            MessageType.of(Tree.class).withDefault("sub_trees", List.of()).withDefault("sub_publications", List.of())
                    .withDefault("aleph_id", null).withDefault("issn", null).withDefault("is_public", false)
                    .withDefault("path_array", List.of()));

    private static MessageType<Publication> publication() {
        MessageType<Publication> type = MessageType.of(Publication.class);
        for (String field : List.of("title", "author", "pub_year", "isbn", "urnnbn", "uuid", "aleph_id",
                "producent_id", "is_public", "filename", "is_periodical", "path", "b64_data", "url", "file_pointer")) {
            type = type.withDefault(field, null);
        }
        return type;
    }

    private static MessageType<Archive> archive() {
        MessageType<Archive> type = MessageType.of(Archive.class);
        for (String field : List.of("isbn", "uuid", "aleph_id", "b64_data", "dir_pointer")) {
            type = type.withDefault(field, null);
        }
        return type;
    }

    private StorageMessages() {
    }
}
