package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.Isbn;

import cz.edeposit.amqp.aleph.AlephQuery.ISBNQuery;
import cz.edeposit.amqp.aleph.AlephReply.ExportResult;
import cz.edeposit.amqp.aleph.AlephReply.ISBNValidationResult;
import cz.edeposit.amqp.aleph.AlephRequest.CountRequest;
import cz.edeposit.amqp.aleph.AlephRequest.ExportRequest;
import cz.edeposit.amqp.aleph.AlephRequest.ISBNValidationRequest;
import cz.edeposit.amqp.aleph.AlephRequest.SearchRequest;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;

/**
 * The aleph daemon's handler: dispatches on the decoded request, one final reply per request.
 *
 * <p>One instance serves every worker; it holds no per-request state, and its HTTP client and
 * request pacing are shared, so the request-rate cap holds for the whole daemon.
 */
public final class AlephHandler implements RpcHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AlephHandler.class);

    private final AlephSearch search;
    private final AlephExport export;

    /** A handler talking to the catalogue that {@code settings} name. */
    AlephHandler(AlephSettings settings) {
        AlephHttp http = new AlephHttp(settings);
        this.search = new AlephSearch(new XServices(http, settings.alephUrl()), settings);
        this.export = new AlephExport(http, settings);
    }

    /** The daemon's handler: reads {@code aleph.json}; the catalogue need not answer yet. */
    static AlephHandler create(DaemonEnvironment environment) {
        AlephSettings settings = AlephSettings.load(environment);
        LOG.info("Catalogue {} (base {}, library {}), export to {}: up to {} requests a second, {} records per search",
                settings.alephUrl(), settings.defaultBase(), settings.defaultLibrary(), settings.exportUrl(),
                settings.requestsPerSecond(), settings.maxRecords());
        return new AlephHandler(settings);
    }

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        if (request instanceof SearchRequest searchRequest && searchRequest.query() != null) {
            return search.search(searchRequest.query());
        }
        if (request instanceof CountRequest countRequest && countRequest.query() != null) {
            return search.count(countRequest.query());
        }
        if (request instanceof ISBNValidationRequest validation) {
            return new ISBNValidationResult(Isbn.isValid(isbnText(validation.isbn())));
        }
        if (request instanceof ExportRequest exportRequest) {
            export.export(exportRequest.epublication());
            return new ExportResult(exportRequest.epublication().isbn());
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.name(request) + "'"
                + (request instanceof SearchRequest || request instanceof CountRequest ? " or query: 'NoneType'" : "")
                + "!");
    }

    private static String isbnText(Object isbn) {
        if (isbn instanceof ISBNQuery query) {
            return query.isbn();
        }
        if (isbn instanceof String text) {
            return text;
        }
        throw new ValueError("ISBNValidationRequest.ISBN must be a string or an ISBNQuery, not " + PythonTypes.name(isbn));
    }
}
