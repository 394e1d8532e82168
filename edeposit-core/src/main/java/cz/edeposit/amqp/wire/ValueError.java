package cz.edeposit.amqp.wire;

/** Python's built-in {@code ValueError}: a bad value, including a body that is not JSON. */
public final class ValueError extends WireException {

    public ValueError(String message) {
        super(message);
    }

    public ValueError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean builtin() {
        return true;
    }
}
