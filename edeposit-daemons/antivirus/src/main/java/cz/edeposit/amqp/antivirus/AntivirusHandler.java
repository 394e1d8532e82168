package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Answers {@link ScanFile} with a clamd scan of the decoded bytes and {@link UpdateDatabase} with an update. */
final class AntivirusHandler implements RpcHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AntivirusHandler.class);

    private final ClamdClient clamd;
    private final DatabaseUpdater updater;

    AntivirusHandler(ClamdClient clamd, DatabaseUpdater updater) {
        this.clamd = clamd;
        this.updater = updater;
    }

    /** The daemon's handler factory: reads antivirus.json and says whether clamd answers (it need not yet). */
    static AntivirusHandler create(DaemonEnvironment environment) {
        AntivirusSettings settings = AntivirusSettings.load(environment);
        ClamdClient clamd = new ClamdClient(settings.address(), settings.connectTimeout(), settings.scanTimeout(), settings.limit());
        String limit = settings.limit() == null ? "clamd's own stream limit (no clamd.conf)"
                : "files up to " + settings.limit().bytes() + " bytes (" + settings.limit().source() + ")";
        try {
            LOG.info("clamd on {} answers: {}; scanning {}", clamd.address(), clamd.version(), limit);
        } catch (WireException e) {
            LOG.warn("clamd does not answer yet, so scans get exception replies until it does: {}", e.getMessage());
        }
        return new AntivirusHandler(clamd, new DatabaseUpdater(settings, clamd));
    }

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        if (request instanceof ScanFile scan) {
            return scan(scan);
        }
        if (request instanceof UpdateDatabase) {
            return updater.update();
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.name(request) + "'!");
    }

    private ScanResult scan(ScanFile request) {
        if (request.b64Data() == null) {
            throw new ValueError("ScanFile.b64_data must be a base64 string, not null");
        }
        String name = request.filename() == null ? ScanResult.UNNAMED : request.filename();
        Base64Payload payload = Base64Payload.of(request.b64Data());
        long started = System.nanoTime();
        Optional<String> signature = clamd.scan(name, payload.size(), payload.open());
        LOG.info("ScanFile '{}' ({} bytes): {} in {} ms", name, payload.size(),
                signature.map(s -> s + " FOUND").orElse("clean"), (System.nanoTime() - started) / 1_000_000);
        return signature.map(s -> ScanResult.found(request.filename(), s)).orElseGet(() -> ScanResult.clean(request.filename()));
    }
}
