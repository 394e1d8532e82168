package cz.edeposit.amqp.wire;

/**
 * Python's built-in {@code TypeError}: a structure with missing, unexpected or ill-typed fields,
 * or a value that cannot be serialized.
 */
public final class TypeError extends WireException {

    public TypeError(String message) {
        super(message);
    }

    public TypeError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean builtin() {
        return true;
    }
}
