package cz.edeposit.amqp.ftp;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock on {@code <LOGIN_FILE>.lock} that every change of the passwd file holds: a {@code flock(2)}
 * lock, so that an operator's script takes the same one with {@code flock /etc/proftpd/ftpd.passwd.lock ...}.
 * The daemon's own workers queue on a fair in-process lock first, so only one of them waits for an outsider.
 */
final class FtpLoginFileLock {

    private final Path lockFile;
    private final Duration timeout;
    private final ReentrantLock workers = new ReentrantLock(true);

    FtpLoginFileLock(Path loginFile, Duration timeout) {
        this.lockFile = loginFile.resolveSibling(loginFile.getFileName() + ".lock");
        this.timeout = timeout;
    }

    Path path() {
        return lockFile;
    }

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits for the lock, at most the timeout in all.
     *
     * @throws FtpIOError when it is not free in time or cannot be taken
     */
    Held acquire() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!workers.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FtpIOError("interrupted while waiting for " + lockFile, e);
        }
        try {
            int fd = open();
            try {
                waitForFlock(fd, deadline);
            } catch (RuntimeException e) {
                Libc.C.close(fd);
                throw e;
            }
            return () -> {
                try {
                    Libc.C.close(fd); // closing the only descriptor releases the flock
                } finally {
                    workers.unlock();
                }
            };
        } catch (RuntimeException e) {
            workers.unlock();
            throw e;
        }
    }

    private int open() {
        try {
            if (Files.isSymbolicLink(lockFile)) {
                throw new FtpIOError(lockFile + " is a symbolic link; it must be a plain file (delete it: the daemon creates it)");
            }
            if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            return Libc.C.open(lockFile.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
        } catch (IOException | LastErrorException e) {
            throw new FtpIOError("cannot open " + lockFile + ": " + e.getMessage(), e);
        }
    }

    // Polls with LOCK_NB rather than blocking in flock(2): a blocked native call would ignore the deadline and interrupts.
    private void waitForFlock(int fd, long deadline) {
        long pause = 1;
        while (true) {
            try {
                Libc.C.flock(fd, Libc.LOCK_EX | Libc.LOCK_NB);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EWOULDBLOCK && e.getErrorCode() != Libc.EINTR) {
                    throw new FtpIOError("cannot lock " + lockFile + ": " + e.getMessage(), e);
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw busy();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FtpIOError("interrupted while waiting for " + lockFile, e);
            }
            pause = Math.min(pause * 2, 50);
        }
    }

    private FtpIOError busy() {
        return new FtpIOError(lockFile + " has been locked by another process for more than " + timeout.toSeconds()
                + " s; the passwd file was not changed: try again once it is released");
    }
}
