package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.wire.WireException;

/**
 * Python's built-in {@code IOError} (renamed in Java, where {@link java.lang.IOError} is taken): the passwd file, a
 * home or the lock could not be read, written or taken. A change that fails with it has been rolled back.
 */
public final class FtpIOError extends WireException {
    private static final long serialVersionUID = 1L;

    public FtpIOError(String message) {
        super(message);
    }

    public FtpIOError(String message, Throwable cause) {
        super(message, cause);
    }

    /** Always {@code IOError}, the name Python peers know. */
    @Override
    public String wireName() {
        return "IOError";
    }

    @Override
    public boolean builtin() {
        return true;
    }
}
