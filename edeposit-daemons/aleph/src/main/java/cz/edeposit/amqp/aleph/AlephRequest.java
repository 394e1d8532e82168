package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.EPublication;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The requests the aleph daemon answers (docs/aleph.md, "Requests and replies"). */
public sealed interface AlephRequest {

    /** Find records; answered by a {@link AlephReply.SearchResult}. */
    record SearchRequest(AlephQuery query) implements AlephRequest {
    }

    /** Count records, cheaper for the catalogue than a search; answered by a {@link AlephReply.CountResult}. */
    record CountRequest(AlephQuery query) implements AlephRequest {
    }

    /**
     * Check an ISBN's checksum, offline; {@code ISBN} is a string or an {@code ISBNQuery} whose
     * ISBN is used. Answered by a {@link AlephReply.ISBNValidationResult}.
     */
    record ISBNValidationRequest(@JsonProperty("ISBN") Object isbn) implements AlephRequest {
    }

    /**
     * Send an e-publication to the catalogue's import form; answered by an
     * {@link AlephReply.ExportResult}. The original's namedtuple was typenamed {@code AlephExport},
     * but it always travelled as {@code ExportRequest}.
     */
    record ExportRequest(EPublication epublication) implements AlephRequest {
    }
}
