package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

/**
 * {@code edeposit-calibred}: converts e-books between formats with calibre's {@code ebook-convert}
 * for the {@code calibre} host (the original {@code edeposit_amqp_calibredaemon.py}).
 */
public final class CalibreDaemon {

    /** The decode allow-list: the one request the original handled. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(MessageType.of(ConversionRequest.class));

    public static final DaemonSpec SPEC = new DaemonSpec("calibre", "edeposit-calibred",
            "Converts e-books between formats with calibre's ebook-convert, for the calibre host.",
            "calibre", REQUESTS, new CalibreHandlerFactory(), CalibreDaemon.class);

    private CalibreDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
