package cz.edeposit.amqp.mods;

/**
 * A value of a record or of a request holds a character XML 1.0 cannot carry (a control character that an
 * XML 1.1 record may hold as a reference, a lone surrogate): the document is not made.
 */
public final class UnwritableValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnwritableValueException(String message) {
        super(message);
    }
}
