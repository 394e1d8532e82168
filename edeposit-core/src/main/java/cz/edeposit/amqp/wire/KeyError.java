package cz.edeposit.amqp.wire;

/**
 * Python's built-in {@code KeyError}: here an {@code __nt_name} outside the daemon's allow-list,
 * with the name as message.
 */
public final class KeyError extends WireException {

    public KeyError(String message) {
        super(message);
    }

    public KeyError(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean builtin() {
        return true;
    }
}
