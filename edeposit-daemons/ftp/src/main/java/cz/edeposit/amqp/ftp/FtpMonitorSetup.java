package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.Settings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * The monitor's start-up checks, each failing with one line that names what to fix (exit 78), so that a machine
 * set up wrong never gets as far as a restart loop: the rights (root with CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_FOWNER),
 * PROFTPD_USER, the ExtendedLog and the passwd file readable (a missing log is waited for), and the state file's
 * directory made and the state file readable.
 */
final class FtpMonitorSetup {

    private FtpMonitorSetup() {
    }

    /** Reads ftp.json (LOG_FILE replaced by {@code logFile} when not null) and checks it against this machine. */
    static FtpMonitorSettings prepare(DaemonEnvironment environment, String logFile) {
        FtpPrivileges.MONITOR.require();
        return environment.load(FtpSettings.SCHEMA, FtpSettings.FILE, raw -> {
            FtpMonitorSettings settings = FtpMonitorSettings.from(raw);
            if (logFile != null) {
                settings = settings.withLogFile(Path.of(logFile));
            }
            check(raw, settings, logFile == null ? "LOG_FILE" : null);
            return settings;
        });
    }

    /**
     * Checks the settings against the machine.
     *
     * @param logKey the key that named the log, or null when {@code -n/--filename} did
     */
    static void check(Settings raw, FtpMonitorSettings settings, String logKey) {
        FtpSettings ftp = settings.ftp();
        owner(raw, ftp);
        String readLog = readable(ftp.logFile());
        if (readLog != null) {
            String problem = "names the ExtendedLog " + ftp.logFile() + ", which " + readLog;
            throw logKey != null ? raw.invalid(logKey, problem)
                    : new ConfigException("edeposit-ftp-monitord: -n/--filename " + problem);
        }
        String loginKey = raw.optionalPath("LOGIN_FILE").isPresent() ? "LOGIN_FILE" : "CONF_PATH";
        String readLogin = readable(ftp.loginFile());
        if (readLogin != null) {
            throw raw.invalid(loginKey, "gives the passwd file " + ftp.loginFile() + ", which " + readLogin
                    + " (edeposit-ftp-managerd makes it at its start)");
        }
        Path stateFile = settings.stateFile().toAbsolutePath();
        try {
            Files.createDirectories(stateFile.getParent());
            if (!Files.isWritable(stateFile.getParent())) {
                throw new AccessDeniedException(stateFile.getParent().toString());
            }
        } catch (IOException e) {
            throw raw.invalid("MONITOR_STATE_FILE", "names " + stateFile + ", whose directory cannot be made or written ("
                    + e + "): give the daemon a writable state directory (its unit's StateDirectory=)");
        }
        try {
            FtpMonitorState.load(stateFile);
        } catch (IOException e) {
            throw raw.invalid("MONITOR_STATE_FILE", e.getMessage());
        }
    }

    /** PROFTPD_USER, who owns the homes the monitor unlocks. */
    static UserPrincipal owner(Settings raw, FtpSettings ftp) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(ftp.proftpdUser());
        } catch (UserPrincipalNotFoundException e) {
            throw raw.invalid("PROFTPD_USER", "names no user of this system ('" + ftp.proftpdUser() + "'): install"
                    + " proftpd-core, which makes the user proftpd, or name the user that owns the FTP homes");
        } catch (IOException e) {
            throw raw.invalid("PROFTPD_USER", "cannot be looked up: " + e);
        }
    }

    /** Null when {@code file} can be opened for reading or does not exist yet (it is waited for); else why not. */
    private static String readable(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory: name the file";
        }
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.READ)) {
            return null;
        } catch (NoSuchFileException missing) {
            return null;
        } catch (IOException e) {
            return "cannot be read (" + e + "): give the daemon read access to it";
        }
    }
}
