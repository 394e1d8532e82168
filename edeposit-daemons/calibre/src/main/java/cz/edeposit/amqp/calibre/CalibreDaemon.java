package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

/**
 * {@code edeposit-calibred}: converts e-books between formats with calibre's {@code ebook-convert}
 * for the {@code calibre} host (the original {@code edeposit_amqp_calibredaemon.py}).
 */
public final class CalibreDaemon {

    public static final DaemonSpec SPEC = new DaemonSpec("calibre", "edeposit-calibred",
            "Converts e-books between formats with calibre's ebook-convert, for the calibre host.",
            "calibre", CalibreMessages.REQUESTS, ConversionHandler::create, CalibreDaemon.class);

    private CalibreDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
