package cz.edeposit.amqp.mods;

/** A MODS document that our mapping produced breaks the MODS 3.4 schema: a bug of the mapping, never of the input. */
public final class InvalidModsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidModsException(String message) {
        super(message);
    }

    InvalidModsException(String message, Throwable cause) {
        super(message, cause);
    }
}
