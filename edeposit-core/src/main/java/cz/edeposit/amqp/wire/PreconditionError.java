package cz.edeposit.amqp.wire;

/** Python's built-in {@code AssertionError}, renamed in Java because {@link java.lang.AssertionError} is taken. */
public final class PreconditionError extends WireException {

    public PreconditionError(String message) {
        super(message);
    }

    public PreconditionError(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code AssertionError}, the name Python peers know. */
    @Override
    public String wireName() {
        return "AssertionError";
    }

    @Override
    public boolean builtin() {
        return true;
    }
}
