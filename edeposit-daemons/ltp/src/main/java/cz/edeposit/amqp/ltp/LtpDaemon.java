package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/** {@code edeposit-ltpd}: long-term-preservation packages in the NDK SIP layout, with tracking (host {@code ltp}). */
public final class LtpDaemon {

    /**
     * The largest request: a file of LTP_MAX_FILE_BYTES' ceiling (100 MiB) as MIME base64 in JSON
     * (4/3, and a line break escaped as four characters per 76: about 141 MiB), and a catalogue
     * record of up to 8 Mi characters; within the launcher's 1 GiB at 3.1 times the body.
     */
    public static final long MAX_REQUEST_BYTES = 160L << 20;

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("ltp", "edeposit-ltpd",
            "AMQP daemon for LTP exporter.", "ltp", () -> LtpMessages.REQUESTS,
            LtpHandler::create, LtpDaemon.class, WorkKind.LONG).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private LtpDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
