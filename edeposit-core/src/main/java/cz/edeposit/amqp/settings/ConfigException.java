package cz.edeposit.amqp.settings;

/**
 * A configuration problem described in one self-contained line that the command line prints before exiting 78.
 *
 * <p>The message always names the file or environment variable, the key when there is one, what is
 * wrong and what a valid value looks like, because the operator sees nothing else (no stack trace).
 * It never contains the value of a secret setting.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
