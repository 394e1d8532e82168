package cz.edeposit.amqp.marcxml2mods;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/** {@code edeposit-marcxml2modsd}: converts MARC XML and OAI-MARC records to MODS 3.4 (host {@code marcxml2mods}). */
public final class Marcxml2modsDaemon {

    /**
     * The largest request: 1,000 records of up to 5 KiB of OAI-MARC each as JSON text (about 5 MiB);
     * 8 MiB of the most hostile XML parses within the launcher's 256 MiB heap.
     */
    public static final long MAX_REQUEST_BYTES = 8L << 20;

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("marcxml2mods", "edeposit-marcxml2modsd",
            "AMQP binding for marcxml2mods.", "marcxml2mods", () -> Marcxml2modsMessages.REQUESTS,
            Marcxml2modsHandler::create, Marcxml2modsDaemon.class, WorkKind.SHORT).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private Marcxml2modsDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
