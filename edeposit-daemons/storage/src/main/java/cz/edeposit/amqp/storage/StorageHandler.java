package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.FileStore.Staged;
import cz.edeposit.amqp.storage.StorageMessages.Archive;
import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchRequest;
import cz.edeposit.amqp.storage.StorageMessages.StorageRecord;
import cz.edeposit.amqp.storage.StorageMessages.Tree;
import cz.edeposit.amqp.storage.StorageMessages.TreeInfo;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Answers {@code SaveRequest} and {@code SearchRequest} (docs/storage.md). */
final class StorageHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(StorageHandler.class);

    private final Storage storage;
    private final Searches searches;

    StorageHandler(Storage storage) {
        this.storage = storage;
        this.searches = new Searches(storage);
    }

    /** The daemon's handler: reads {@code storage.json}, opens the index and the store, starts the download server. */
    static StorageHandler create(DaemonEnvironment environment) throws Exception {
        StorageSettings settings = StorageSettings.load(environment);
        // a connection for each worker and each download thread, two for releasing files, one for the sweep
        Storage storage = Storage.open(settings, environment.workers() + DownloadServer.THREADS + 3);
        DownloadServer server = null;
        if (settings.web().enabled()) {
            try {
                server = DownloadServer.start(storage);
            } catch (RuntimeException e) {
                storage.close();
                throw e;
            }
        }
        storage.sweeper.start(settings.sweep().interval());
        DownloadServer started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (started != null) {
                started.close();
            }
            storage.close();
        }, "storage-close"));
        log.info("Storage: public {}, private {}, archives {}, index {}, download server {}", settings.publicDir(),
                settings.privateDir(), settings.archiveDir(), settings.database(),
                server == null ? "off (WEB_ENABLED false)" : settings.web().baseUrl() + " on " + server.address());
        return new StorageHandler(storage);
    }

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        checkMounted(storage.settings.hnasIndicator());
        if (request instanceof SaveRequest save) {
            return save(save.record());
        }
        if (request instanceof SearchRequest search) {
            return searches.search(search);
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    /** Every request first fails when the storage volume's indicator file is missing, as in the original. */
    static void checkMounted(Path indicator) {
        if (indicator != null && !Files.exists(indicator)) {
            throw new HNASNotMountedException("HNAS is not mounted: the indicator file " + indicator + " is missing");
        }
    }

    private Object save(StorageRecord record) throws Exception {
        if (record instanceof Publication p) {
            return savePublication(p);
        }
        if (record instanceof Archive a) {
            return saveArchive(a);
        }
        if (record instanceof Tree t) {
            String path = storage.trees.save(t);
            return new TreeInfo(path, storage.paths.treeByPath(path), storage.paths.treeByIssn(t.issn()));
        }
        throw new ValueError("SaveRequest.record must be a Publication, an Archive or a Tree, not None");
    }

    private Publication savePublication(Publication p) throws Exception {
        Map<String, Object> values = PublicationStore.values(p);
        if (Columns.allNull(values)) {
            throw new UnindexableObject("The Publication has no indexable attribute: set at least one of "
                    + String.join(", ", values.keySet()));
        }
        Columns.checkLengths(values);
        Staged staged = p.b64Data() == null ? null : stage(PublicationStore.areaOf(p.isPublic()), p.b64Data());
        PublicationStore.Stored stored = storage.publications.save(p, staged);
        log.info("Saved publication {} ({} bytes, {})", p.uuid(), stored.key() == null ? 0 : stored.size(),
                stored.area());
        return searches.reply(stored, null);
    }

    private Archive saveArchive(Archive a) throws Exception {
        Map<String, Object> values = ArchiveStore.values(a);
        if (Columns.allNull(values)) {
            throw new UnindexableObject("The Archive has no indexable attribute: set at least one of "
                    + String.join(", ", values.keySet()));
        }
        Columns.checkLengths(values);
        Staged zip = a.b64Data() == null ? null : stage(Area.ARCHIVE, a.b64Data());
        ArchiveStore.Stored stored = storage.archives.save(a, zip);
        return searches.reply(stored, null);
    }

    private Staged stage(Area area, String base64) throws Exception {
        try {
            return storage.files.stage(area, Base64Input.decode(base64), Long.MAX_VALUE);
        } catch (Base64Input.InvalidBase64 e) {
            throw new ValueError(e.getMessage());
        }
    }
}
