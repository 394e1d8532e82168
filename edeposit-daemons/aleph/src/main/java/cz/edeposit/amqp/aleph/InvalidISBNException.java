package cz.edeposit.amqp.aleph;

/** The ISBN of an export (or of its collection) has a bad checksum or is missing. */
public final class InvalidISBNException extends ExportException {
    private static final long serialVersionUID = 1L;

    public InvalidISBNException(String message) {
        super(message);
    }
}
