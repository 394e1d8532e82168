package cz.edeposit.amqp.aleph;

/** The export form answered with an {@code aleph-info: error...} header; the message carries the server's text. */
public final class ExportRejectedException extends ExportException {
    private static final long serialVersionUID = 1L;

    public ExportRejectedException(String message) {
        super(message);
    }
}
