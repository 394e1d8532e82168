package cz.edeposit.amqp.aleph;

/** The document does not exist in the catalogue, or was deleted; the portal branches on this name. */
public final class DocumentNotFoundException extends AlephException {
    private static final long serialVersionUID = 1L;

    public DocumentNotFoundException(String message) {
        super(message);
    }
}
