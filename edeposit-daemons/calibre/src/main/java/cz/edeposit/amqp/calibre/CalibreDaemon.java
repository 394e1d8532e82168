package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;
import cz.edeposit.amqp.rpc.RpcOptions;

/**
 * {@code edeposit-calibred}: converts e-books between formats with calibre's {@code ebook-convert}
 * for the {@code calibre} host (the original {@code edeposit_amqp_calibredaemon.py}).
 */
public final class CalibreDaemon {

    /**
     * Requests carry whole e-books in base64, so the limit is the broker's own
     * ({@link RpcOptions#BROKER_MAX_MESSAGE_BYTES}); the launcher's heap is sized for it.
     */
    public static final DaemonSpec SPEC = new DaemonSpec("calibre", "edeposit-calibred",
            "Converts e-books between formats with calibre's ebook-convert, for the calibre host.",
            "calibre", () -> CalibreMessages.REQUESTS, ConversionHandler::create, CalibreDaemon.class, WorkKind.LONG)
            .withMaxRequestBytes(RpcOptions.BROKER_MAX_MESSAGE_BYTES);

    private CalibreDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
