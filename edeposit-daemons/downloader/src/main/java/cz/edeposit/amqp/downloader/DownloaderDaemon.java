package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

/** {@code edeposit-downloaderd}: fetches http and https URLs for AMQP clients (host {@code downloader}). */
public final class DownloaderDaemon {

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("downloader", "edeposit-downloaderd",
            "AMQP binding for downloader.", "downloader", DownloaderMessages.REQUESTS,
            DownloaderHandler::create, DownloaderDaemon.class);

    private DownloaderDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
