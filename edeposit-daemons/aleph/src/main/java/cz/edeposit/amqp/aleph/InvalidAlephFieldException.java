package cz.edeposit.amqp.aleph;

/** A {@code GenericQuery} named a search field that is not one of the 23 X-Services field codes. */
public final class InvalidAlephFieldException extends AlephException {
    private static final long serialVersionUID = 1L;

    public InvalidAlephFieldException(String message) {
        super(message);
    }
}
