package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.EPublication;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The final replies of the aleph daemon (docs/aleph.md, "Requests and replies"). */
public sealed interface AlephReply {

    /** The records found, at most {@code ALEPH_MAX_RECORDS} (30) of them, all in one message. */
    record SearchResult(List<AlephRecord> records) implements AlephReply {
    }

    /** How many records the catalogue holds for the query. */
    record CountResult(@JsonProperty("num_of_records") Long numOfRecords) implements AlephReply {
    }

    /** Whether the ISBN's checksum is right. */
    record ISBNValidationResult(@JsonProperty("is_valid") Boolean isValid) implements AlephReply {
    }

    /** The export was accepted; {@code ISBN} echoes the exported {@code EPublication.ISBN} as it was sent. */
    record ExportResult(@JsonProperty("ISBN") Object isbn) implements AlephReply {
    }
}
