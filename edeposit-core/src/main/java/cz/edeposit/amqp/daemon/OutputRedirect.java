package cz.edeposit.amqp.daemon;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Points this process's own standard output and error (file descriptors 1 and 2, which the JVM and
 * native code write to: a {@code kill -3} thread dump, JVM warnings) at the log file, which closes
 * what they were before: the shell launcher's pipe ({@code lib/launcher.sh}), whose end tells it
 * that a background start is over. {@code open} and {@code dup2} are called through JNA, loaded only
 * here, after the start was reported.
 */
final class OutputRedirect {

    private static final Logger log = LoggerFactory.getLogger(OutputRedirect.class);

    /** Linux's open(2) flags. */
    private static final int O_WRONLY = 0x1;
    private static final int O_APPEND = 0x400;
    private static final int O_CLOEXEC = 0x80000;

    /** The calls of libc this needs. */
    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int dup2(int from, int to) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private OutputRedirect() {
    }

    /**
     * Makes descriptors 1 and 2 append to {@code logFile}; when that fails, one warning in the log and
     * both go to /dev/null instead (the JDK does that when they are closed), so that the launcher's
     * pipe closes all the same: Java's own output goes to the log either way ({@link DetachedStart}).
     */
    static void toLog(Path logFile) {
        try {
            LibC libc = Native.load("c", LibC.class);
            int fd = libc.open(logFile.toAbsolutePath().toString(), O_WRONLY | O_APPEND | O_CLOEXEC);
            try {
                libc.dup2(fd, 1); // dup2 clears O_CLOEXEC on the copy
                libc.dup2(fd, 2);
            } finally {
                libc.close(fd);
            }
        } catch (LastErrorException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            log.warn("Cannot point the JVM's own standard output and error at {} ({}): what the JVM itself prints"
                    + " (a thread dump of kill -3, its warnings) is lost", logFile, e.getMessage());
            closeQuietly(FileDescriptor.out);
            closeQuietly(FileDescriptor.err);
        }
    }

    /** The JDK replaces descriptors 0-2 with /dev/null when they are closed, rather than free them. */
    private static void closeQuietly(FileDescriptor descriptor) {
        try {
            new FileOutputStream(descriptor).close();
        } catch (IOException e) {
            // the pipe stays open: the launcher then waits until this JVM exits
        }
    }
}
