package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

/** {@code edeposit-ltpd}: long-term-preservation packages in the NDK SIP layout, with tracking (host {@code ltp}). */
public final class LtpDaemon {

    /**
     * The largest request: a file of LTP_MAX_FILE_BYTES' ceiling by default (100 MiB) as MIME base64
     * (4/3, and line breaks: about 135 MiB) and its catalogue record.
     */
    public static final long MAX_REQUEST_BYTES = 144L << 20;

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("ltp", "edeposit-ltpd",
            "AMQP daemon for LTP exporter.", "ltp", LtpMessages.REQUESTS,
            LtpHandler::create, LtpDaemon.class).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private LtpDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
