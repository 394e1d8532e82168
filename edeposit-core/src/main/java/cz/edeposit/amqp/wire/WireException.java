package cz.edeposit.amqp.wire;

/**
 * An error that travels to the peer as an exception reply, under the Python class name it had in
 * the original daemons.
 *
 * <p>The RPC layer sends {@code exception_name = wireName()} and derives {@code exception_type}
 * from {@link #builtin()}: Python peers branch on the name, so it must match the original class.
 */
public abstract class WireException extends RuntimeException {

    protected WireException(String message) {
        super(message);
    }

    protected WireException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The Python class name sent as {@code exception_name}; the Java simple name unless overridden. */
    public String wireName() {
        return getClass().getSimpleName();
    }

    /**
     * Whether the Python original is a built-in exception, written {@code <type 'exceptions.NAME'>}
     * rather than {@code <class 'module.NAME'>}.
     */
    public boolean builtin() {
        return false;
    }
}
