package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateRequest;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.StatusRequest;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Answers {@code LinkUpdateRequest} and {@code StatusRequest} (docs/aleph_link_export.md): both with
 * every result collected since the last reply, all but the last as progress messages, the last as
 * the reply, {@code null} when there is none.
 */
final class AlephLinkExportHandler implements RpcHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlephLinkExportHandler.class);

    private final LinkExchange exchange;

    AlephLinkExportHandler(LinkExchange exchange) {
        this.exchange = exchange;
    }

    /** Opens the exchange with the settings of {@code aleph_export.json}; the process holds the store until it ends. */
    AlephLinkExportHandler(AlephLinkExportSettings settings, Clock clock) throws IOException {
        this(LinkExchange.open(settings, clock));
    }

    /** The daemon's handler: reads {@code aleph_export.json}, locks the store and writes requests.xml. */
    static AlephLinkExportHandler create(DaemonEnvironment environment) throws IOException {
        AlephLinkExportSettings settings = AlephLinkExportSettings.load(environment);
        AlephLinkExportHandler handler = new AlephLinkExportHandler(settings, Clock.systemUTC());
        log.info("Aleph link export: {} pending request(s) in {}; requests to {}, answers from {}{}",
                handler.exchange.pendingCount(), settings.databaseFile(), settings.requestFile(), settings.responseFile(),
                settings.loggingEnabled() ? ", log " + settings.logFile() : "");
        return handler;
    }

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        List<LinkUpdateResponse> results;
        try {
            if (request instanceof LinkUpdateRequest update) {
                results = exchange.update(RequestCheck.check(update), context.uuid());
            } else if (request instanceof StatusRequest) {
                results = exchange.status(context.uuid());
            } else {
                throw new ValueError("'" + PythonTypes.typeText(request) + "' is unknown type of request!");
            }
        } catch (IOException e) {
            throw new IOError(e);
        }
        return fanOut(results, context);
    }

    /** The original's reply pattern: progress messages for all results but the last, which is the reply. */
    static Object fanOut(List<LinkUpdateResponse> results, RpcContext context) throws Exception {
        if (results.isEmpty()) {
            return null;
        }
        for (LinkUpdateResponse result : results.subList(0, results.size() - 1)) {
            context.progress(result);
        }
        return results.get(results.size() - 1);
    }

    @Override
    public void close() throws IOException {
        exchange.close();
    }
}
