package cz.edeposit.amqp.marc;

/** The text given as a MARC record is not well-formed XML or holds no {@code <record>}. */
public final class MarcFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MarcFormatException(String message) {
        super(message);
    }

    public MarcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
