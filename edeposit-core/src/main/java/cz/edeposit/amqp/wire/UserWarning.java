package cz.edeposit.amqp.wire;

/** Python's built-in {@code UserWarning}, which handlers of the original raised for their own failures. */
public final class UserWarning extends WireException {

    public UserWarning(String message) {
        super(message);
    }

    public UserWarning(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean builtin() {
        return true;
    }
}
