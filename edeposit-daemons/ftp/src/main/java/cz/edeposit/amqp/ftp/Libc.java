package cz.edeposit.amqp.ftp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The three C library calls the JDK lacks: {@code flock(2)} (Java's {@code FileChannel.lock} takes an fcntl lock,
 * which an operator's {@code flock(1)} does not see on Linux), and {@code kill(2)} with SIGHUP.
 */
interface Libc extends Library {

    Libc C = Native.load("c", Libc.class);

    /** The same on every Linux architecture. */
    int O_RDWR = 2;
    int O_CLOEXEC = 0x80000;
    int LOCK_EX = 2;
    int LOCK_NB = 4;
    int LOCK_UN = 8;
    int EWOULDBLOCK = 11;
    int EINTR = 4;
    int SIGHUP = 1;

    int open(String path, int flags) throws LastErrorException;

    int flock(int fd, int operation) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;
}
