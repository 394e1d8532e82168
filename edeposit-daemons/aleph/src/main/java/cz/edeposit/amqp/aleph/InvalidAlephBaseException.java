package cz.edeposit.amqp.aleph;

/** X-Services refused a direct document fetch for another reason than a missing document: usually a bad base. */
public final class InvalidAlephBaseException extends AlephException {
    private static final long serialVersionUID = 1L;

    public InvalidAlephBaseException(String message) {
        super(message);
    }
}
