package cz.edeposit.amqp.ftp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The C library calls the JDK lacks: {@code flock(2)} (Java's {@code FileChannel.lock} takes an fcntl lock, which
 * an operator's {@code flock(1)} does not see on Linux), and {@code kill(2)} with SIGHUP.
 */
final class Libc {

    /** The same on every Linux architecture. */
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;
    static final int EWOULDBLOCK = 11;
    static final int EINTR = 4;
    static final int SIGHUP = 1;

    /** The calls; each throws {@link LastErrorException} with errno when it fails. */
    interface Calls extends Library {
        int open(String path, int flags) throws LastErrorException;

        int flock(int fd, int operation) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int kill(int pid, int signal) throws LastErrorException;
    }

    static final Calls C = load();

    private Libc() {
    }

    // JNA unpacks its native part into ~/.cache unless told otherwise; the unit's home for root is read-only (ProtectHome=tmpfs).
    private static Calls load() {
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
        }
        return Native.load("c", Calls.class);
    }
}
