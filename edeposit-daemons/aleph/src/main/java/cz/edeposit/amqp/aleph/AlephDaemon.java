package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/**
 * {@code edeposit-alephd}: catalogue search, count, ISBN validation and export through Aleph
 * X-Services, for the {@code aleph} host. Settings: {@code aleph.json} ({@link AlephSettings}).
 */
public final class AlephDaemon {

    /** The largest request: a query, or an export's metadata (text fields of a few hundred bytes each). */
    public static final long MAX_REQUEST_BYTES = 1L << 20;

    public static final DaemonSpec SPEC = new DaemonSpec("aleph", "edeposit-alephd",
            "Searches the Aleph catalogue, counts records, validates ISBNs and exports e-publications.",
            "aleph", () -> AlephMessages.REQUESTS,
            AlephHandler::create, AlephDaemon.class, WorkKind.SHORT).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private AlephDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
