package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/** {@code edeposit-downloaderd}: fetches http and https URLs for AMQP clients (host {@code downloader}). */
public final class DownloaderDaemon {

    /**
     * The largest request: a URL of at most 8192 characters (UrlPolicy; each up
     * to 6 bytes as a JSON escape) and a few short fields.
     */
    public static final long MAX_REQUEST_BYTES = 64L << 10;

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("downloader", "edeposit-downloaderd",
            "AMQP binding for downloader.", "downloader", () -> DownloaderMessages.REQUESTS,
            DownloaderHandler::create, DownloaderDaemon.class, WorkKind.SHORT).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private DownloaderDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
