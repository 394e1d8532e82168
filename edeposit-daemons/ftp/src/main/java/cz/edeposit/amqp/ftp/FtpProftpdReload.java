package cz.edeposit.amqp.ftp;

import com.sun.jna.LastErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells ProFTPD that its passwd file changed: SIGHUP to the process of PROFTPD_PID_FILE when it is alive and is
 * {@code proftpd} (the original ran {@code killall -HUP proftpd}, which hits every proftpd on the machine).
 * Anything else is a warning only: ProFTPD reads the passwd file at each login anyway.
 */
final class FtpProftpdReload {

    private static final Logger LOG = LoggerFactory.getLogger(FtpProftpdReload.class);

    private final Path pidFile;

    FtpProftpdReload(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** The process to signal, or null with the reason logged at {@code warn} when there is none. */
    Integer proftpdPid() {
        String text;
        try {
            text = Files.readString(pidFile).strip();
        } catch (NoSuchFileException e) {
            LOG.warn("ProFTPD does not seem to run: no PID file {} (PROFTPD_PID_FILE); not reloaded", pidFile);
            return null;
        } catch (IOException e) {
            LOG.warn("cannot read ProFTPD's PID file {}: {}; not reloaded", pidFile, e.toString());
            return null;
        }
        if (!text.matches("[1-9]\\d{0,9}") || Long.parseLong(text) > Integer.MAX_VALUE) {
            LOG.warn("{} holds '{}', not a process id; ProFTPD not reloaded", pidFile, text.length() > 40 ? text.substring(0, 40) : text);
            return null;
        }
        int pid = Integer.parseInt(text);
        String command;
        try {
            command = Files.readString(Path.of("/proc", text, "comm")).strip();
        } catch (IOException e) {
            LOG.warn("ProFTPD is not running: process {} of {} is gone; not reloaded", pid, pidFile);
            return null;
        }
        if (!command.equals("proftpd")) {
            LOG.warn("process {} of {} is '{}', not proftpd (a stale PID file?); not signalled", pid, pidFile, command);
            return null;
        }
        return pid;
    }

    /** Sends SIGHUP to ProFTPD, if it runs; whether it was sent. */
    boolean reload() {
        Integer pid = proftpdPid();
        if (pid == null) {
            return false;
        }
        try {
            Libc.C.kill(pid, Libc.SIGHUP);
            LOG.debug("SIGHUP sent to ProFTPD (pid {})", pid);
            return true;
        } catch (LastErrorException e) {
            LOG.warn("cannot send SIGHUP to ProFTPD (pid {}): {}", pid, e.getMessage());
            return false;
        }
    }
}
