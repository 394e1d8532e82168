package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/** {@code edeposit-pdfgend}: makes Czech PDF documents for AMQP clients (host {@code pdfgen}). */
public final class PdfgenDaemon {

    /** The largest request: PDFGEN_MAX_INPUT_CHARS' default, each character up to 6 bytes as a JSON escape. */
    public static final long MAX_REQUEST_BYTES = 8L << 20;

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("pdfgen", "edeposit-pdfgend",
            "AMQP binding for PDF generator.", "pdfgen", () -> PdfgenMessages.REQUESTS,
            PdfgenHandler::create, PdfgenDaemon.class, WorkKind.SHORT).withMaxRequestBytes(MAX_REQUEST_BYTES);

    private PdfgenDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
