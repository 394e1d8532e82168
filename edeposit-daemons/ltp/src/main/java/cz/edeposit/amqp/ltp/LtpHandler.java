package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.ltp.LtpMessages.ExportRequest;
import cz.edeposit.amqp.ltp.LtpMessages.TrackingRequest;
import cz.edeposit.amqp.ltp.LtpMessages.TrackingResponse;
import cz.edeposit.amqp.mods.ModsSchema;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Answers {@code ExportRequest} with a package in {@code EXPORT_DIR} and {@code TrackingRequest} with its status (docs/ltp.md). */
final class LtpHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(LtpHandler.class);

    /** The private build directories in {@code TEMP_DIR}: only ours are removed at start. */
    static final String WORK_PREFIX = "edeposit-ltp-";

    /** Room kept free beside the package, for the MODS, the info file and the file system itself. */
    private static final long SPARE_BYTES = 16L << 20;

    private final LtpSettings settings;
    private final ExportDirectory export;

    LtpHandler(LtpSettings settings) {
        this.settings = settings;
        this.export = new ExportDirectory(settings.exportDir(), settings.exportPrefix());
    }

    /** The daemon's handler: reads {@code ltp.json}, compiles the schemas and removes a crash's leftovers. */
    static LtpHandler create(DaemonEnvironment environment) {
        LtpHandler handler = new LtpHandler(LtpSettings.load(environment));
        ModsSchema.schema();
        InfoDocument.schema();
        int removed = handler.removeLeftovers();
        log.info("LTP packages to {} (built in {}); {} leftover(s) of an earlier run removed",
                handler.settings.exportDir(), handler.settings.tempDir(), removed);
        return handler;
    }

    @Override
    public Object handle(Object request, RpcContext context) {
        if (request instanceof ExportRequest exportRequest) {
            return exportPackage(exportRequest);
        }
        if (request instanceof TrackingRequest tracking) {
            return track(tracking);
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    private Boolean exportPackage(ExportRequest request) {
        // Every check on the request's text comes before anything is written.
        String uuid = BookUuid.check(request.bookUuid());
        String suffix = FileSuffix.of(request.filename());
        String urnNbn = RequestText.urnNbn(request.urnNbn());
        String url = RequestText.url(request.url());
        if (request.b64Data() == null || request.b64Data().isBlank()) {
            throw new ValueError("b64_data is empty: send the file's content in base64");
        }
        CatalogueRecord record = CatalogueRecord.parse(request.alephRecord());
        List<String> warnings = new ArrayList<>();
        List<String> mods = ModsVolumes.of(record.records(), uuid, url, urnNbn, warnings);
        warnings.forEach(warning -> log.warn("{}", warning));
        Path work = null;
        try {
            checkSpace(request.b64Data().length() / 4L * 3);
            work = Files.createTempDirectory(settings.tempDir(), WORK_PREFIX);
            SipPackage.build(work.resolve(uuid), uuid, record, mods, urnNbn, suffix, request.b64Data(),
                    settings.maxFileBytes(), Instant.now());
            export.publish(work.resolve(uuid), uuid);
        } catch (IOException e) {
            throw new IOError("cannot write the package of " + uuid + ": " + e, e);
        } finally {
            if (work != null) {
                try {
                    PackageFiles.deleteTree(work);
                } catch (IOException e) {
                    log.warn("cannot remove the build directory {}: {}", work, e.toString());
                }
            }
        }
        log.info("Exported the package of {} to {}", uuid, export.target(uuid));
        return Boolean.TRUE;
    }

    private TrackingResponse track(TrackingRequest request) {
        String uuid = BookUuid.check(request.bookUuid());
        try {
            return export.track(uuid);
        } catch (IOException e) {
            throw new IOError("cannot read the export directory " + settings.exportDir() + ": " + e, e);
        }
    }

    // Both file systems hold the file once (the build, then the copy when they differ).
    private void checkSpace(long fileBytes) throws IOException {
        long needed = fileBytes + SPARE_BYTES;
        for (Path dir : List.of(settings.tempDir(), settings.exportDir())) {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < needed) {
                throw new IOError("not enough free space in " + dir + ": " + free + " bytes, the package needs about "
                        + needed);
            }
        }
    }

    private int removeLeftovers() {
        try {
            int removed = export.removeLeftovers();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(settings.tempDir(), WORK_PREFIX + "*")) {
                for (Path entry : entries) {
                    PackageFiles.deleteTree(entry);
                    removed++;
                }
            }
            return removed;
        } catch (IOException e) {
            throw new ConfigException("cannot remove the leftovers of an earlier run in " + settings.exportDir()
                    + " or " + settings.tempDir() + ": " + e.getMessage());
        }
    }
}
