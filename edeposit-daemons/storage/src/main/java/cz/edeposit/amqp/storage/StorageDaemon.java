package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/** {@code edeposit-storaged}: stores publications, archives and periodical trees, and serves the files (host {@code storage}). */
public final class StorageDaemon {

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("storage", "edeposit-storaged",
            "AMQP binding for storage.", "storage", () -> StorageMessages.REQUESTS,
            StorageHandler::create, StorageDaemon.class, WorkKind.SHORT);

    private StorageDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
