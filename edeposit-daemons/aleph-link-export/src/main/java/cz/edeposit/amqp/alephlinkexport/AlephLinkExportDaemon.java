package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/**
 * {@code edeposit-aleph-link-exportd}: tells Aleph new links and URN:NBN through {@code requests.xml}
 * and returns its {@code responses.xml} (host {@code aleph_link_export}). Settings: {@code aleph_export.json}.
 */
public final class AlephLinkExportDaemon {

    /** The largest request: a LinkUpdateRequest with a handful of URLs is a few kilobytes. */
    public static final long MAX_REQUEST_BYTES = 256L << 10;

    public static final DaemonSpec SPEC = new DaemonSpec("aleph-link-export", "edeposit-aleph-link-exportd",
            "AMQP binding for the Aleph link export.", "aleph_link_export", () -> AlephLinkExportMessages.REQUESTS,
            AlephLinkExportHandler::create, AlephLinkExportDaemon.class, WorkKind.SHORT).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private AlephLinkExportDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
