package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.NtName;
import cz.edeposit.amqp.codec.TypeRegistry;

import java.util.List;

/**
 * The harvester's own copies of the aleph daemon's messages that the Aleph filter sends and reads, by their wire
 * names (wire-protocol §4, submodules §2): daemons never import each other. Only what the filter needs is typed; a
 * record's {@code parsed_info} is read as a JSON tree, since it is an {@code EPublication} or an {@code EPeriodical}.
 */
final class HarvesterAlephMessages {

    private HarvesterAlephMessages() {
    }

    /** A query of the catalogue; {@code base} null means the aleph daemon's {@code ALEPH_DEFAULT_BASE}. */
    sealed interface Query permits IsbnQuery, TitleQuery {
    }

    /** Search by ISBN (Aleph's field {@code sbn}). */
    @NtName("ISBNQuery")
    record IsbnQuery(@JsonProperty("ISBN") String isbn, String base) implements Query {
    }

    /** Search by title (Aleph's field {@code wtl}). */
    @NtName("TitleQuery")
    record TitleQuery(String title, String base) implements Query {
    }

    /** The request, answered by a {@link SearchResult}. */
    @NtName("SearchRequest")
    record SearchRequest(Query query) {
    }

    /** At most 30 records of the catalogue. */
    @NtName("SearchResult")
    record SearchResult(List<AlephRecord> records) {
    }

    /** One catalogue record; the filter reads {@code parsed_info} [FIX: the original read {@code epublication}]. */
    @NtName("AlephRecord")
    record AlephRecord(String base, String library, String docNumber, String xml,
                       @JsonProperty("parsed_info") JsonNode parsedInfo,
                       @JsonProperty("semantic_info") JsonNode semanticInfo) {
    }

    /** What the filter decodes from the aleph daemon's replies. */
    static final TypeRegistry REPLIES = TypeRegistry.of(
            MessageType.of(SearchResult.class),
            MessageType.of(AlephRecord.class));
}
