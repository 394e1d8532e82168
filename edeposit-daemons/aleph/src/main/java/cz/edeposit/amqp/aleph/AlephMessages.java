package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Author;
import cz.edeposit.amqp.marc.EPeriodical;
import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.aleph.AlephQuery.AuthorQuery;
import cz.edeposit.amqp.aleph.AlephQuery.DocumentQuery;
import cz.edeposit.amqp.aleph.AlephQuery.GenericQuery;
import cz.edeposit.amqp.aleph.AlephQuery.ICZQuery;
import cz.edeposit.amqp.aleph.AlephQuery.ISBNQuery;
import cz.edeposit.amqp.aleph.AlephQuery.PublisherQuery;
import cz.edeposit.amqp.aleph.AlephQuery.TitleQuery;
import cz.edeposit.amqp.aleph.AlephReply.CountResult;
import cz.edeposit.amqp.aleph.AlephReply.ExportResult;
import cz.edeposit.amqp.aleph.AlephReply.ISBNValidationResult;
import cz.edeposit.amqp.aleph.AlephReply.SearchResult;
import cz.edeposit.amqp.aleph.AlephRequest.CountRequest;
import cz.edeposit.amqp.aleph.AlephRequest.ExportRequest;
import cz.edeposit.amqp.aleph.AlephRequest.ISBNValidationRequest;
import cz.edeposit.amqp.aleph.AlephRequest.SearchRequest;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

/** The aleph vhost's allow-lists: what the daemon decodes, and what a client of it decodes. */
public final class AlephMessages {

    /**
     * The daemon's decode allow-list (docs/aleph.md, "Requests and replies"). The omittable {@code base} and
     * {@code library} decode as null, which the daemon replaces with its configured defaults.
     */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(SearchRequest.class),
            MessageType.of(CountRequest.class),
            MessageType.of(ISBNValidationRequest.class),
            MessageType.of(ExportRequest.class),
            MessageType.of(ISBNQuery.class).withDefault("base", null),
            MessageType.of(AuthorQuery.class).withDefault("base", null),
            MessageType.of(PublisherQuery.class).withDefault("base", null),
            MessageType.of(TitleQuery.class).withDefault("base", null),
            MessageType.of(ICZQuery.class).withDefault("base", null),
            MessageType.of(GenericQuery.class),
            MessageType.of(DocumentQuery.class).withDefault("library", null),
            MessageType.of(EPublication.class),
            MessageType.of(Author.class));

    /** What a client of the daemon decodes from the {@code plone} queue: every reply structure. */
    public static final TypeRegistry REPLIES = TypeRegistry.of(
            MessageType.of(SearchResult.class),
            MessageType.of(CountResult.class),
            MessageType.of(ISBNValidationResult.class),
            MessageType.of(ExportResult.class),
            MessageType.of(AlephRecord.class),
            MessageType.of(EPublication.class),
            MessageType.of(Author.class),
            MessageType.of(EPeriodical.class),
            MessageType.of(SemanticInfo.class),
            MessageType.of(EPeriodicalSemanticInfo.class));

    private AlephMessages() {
    }
}
