package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The monitor's view of {@code ftp.json}: the keys it shares with the manager, and its own (docs/ftp.md, "The
 * import monitor").
 *
 * @param ftp              the shared keys: DATA_PATH, LOG_FILE, LOGIN_FILE, the file names, the switches
 * @param stateFile        where the log position and a published import are kept across restarts
 * @param settle           how long no file of a home may change before its import starts
 * @param maxWait          how long an import waits for files that keep changing; then they are left for the next
 * @param maxMessageBytes  the largest message body; a larger import is sent in several messages
 * @param maxMetadataBytes the largest metadata file that is read
 */
record FtpMonitorSettings(FtpSettings ftp, Path stateFile, Duration settle, Duration maxWait, long maxMessageBytes,
                          long maxMetadataBytes) {

    /** Reads {@code ftp.json}; a bad value is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    static FtpMonitorSettings load(DaemonEnvironment environment) {
        return environment.load(FtpSettings.SCHEMA, FtpSettings.FILE, FtpMonitorSettings::from);
    }

    /** Converts values that core has already checked against {@link FtpSettings#SCHEMA}. */
    static FtpMonitorSettings from(Settings settings) {
        return new FtpMonitorSettings(FtpSettings.from(settings), settings.path("MONITOR_STATE_FILE"),
                settings.duration("UPLOAD_SETTLE_SECONDS"), settings.duration("UPLOAD_WAIT_SECONDS"),
                settings.bytes("MAX_MESSAGE_BYTES"), settings.bytes("MAX_METADATA_BYTES"));
    }

    /** These settings with another ExtendedLog: the {@code -n/--filename} option. */
    FtpMonitorSettings withLogFile(Path logFile) {
        FtpSettings f = ftp;
        return new FtpMonitorSettings(new FtpSettings(f.confPath(), f.loginFile(), logFile, f.dataPath(), f.lockFilename(),
                f.userErrorLog(), f.userImportLog(), f.global(), f.lockOnlyInHome(), f.usersGid(), f.proftpdPidFile(),
                f.proftpdUser()), stateFile, settle, maxWait, maxMessageBytes, maxMetadataBytes);
    }
}
