package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.nio.file.Path;

/**
 * The daemon's view of {@code ftp.json}, the file the ftp manager shares with the import monitor: the original's
 * keys (submodules.md §4.3) plus {@code PROFTPD_PID_FILE} and {@code PROFTPD_USER} (docs/ftp.md, "Settings").
 *
 * @param confPath       ProFTPD's configuration directory
 * @param loginFile      ProFTPD's {@code AuthUserFile}: {@code LOGIN_FILE}, or {@code CONF_PATH/ftpd.passwd}
 * @param logFile        the ExtendedLog the monitor follows
 * @param dataPath       the directory that holds the users' homes
 * @param lockFilename   the file in each home whose deletion starts an import
 * @param userErrorLog   the monitor's per-user error log, in the home
 * @param userImportLog  the monitor's per-user import log, in the home
 * @param global         the global import switches (each ANDed with the user's own)
 * @param lockOnlyInHome whether only the lock file in the home itself starts an import
 * @param usersGid       uid and gid of every FTP account, and the group of the homes
 * @param proftpdPidFile ProFTPD's PidFile, whose process gets a SIGHUP after each change
 * @param proftpdUser    the system user that owns the homes
 */
record FtpSettings(Path confPath, Path loginFile, Path logFile, Path dataPath, String lockFilename,
                   String userErrorLog, String userImportLog, FtpUserSwitches global, boolean lockOnlyInHome,
                   int usersGid, Path proftpdPidFile, String proftpdUser) {

    static final String FILE = "ftp.json";
    static final String LOGIN_FILE_NAME = "ftpd.passwd";

    static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .path("CONF_PATH", "/etc/proftpd/")
            .optionalPath("LOGIN_FILE", "") // "": CONF_PATH/ftpd.passwd
            .path("LOG_FILE", "/var/log/proftpd/extended.log")
            .path("DATA_PATH", "/home/ftp/")
            .nonBlank("LOCK_FILENAME", "delete_me_to_import_files.txt")
            .nonBlank("USER_ERROR_LOG", "error.log.txt")
            .nonBlank("USER_IMPORT_LOG", "import.log.txt")
            .bool("SAME_NAME_DIR_PAIRING", true)
            .bool("SAME_DIR_PAIRING", true)
            .bool("ISBN_PAIRING", true)
            .bool("LOCK_ONLY_IN_HOME", true)
            .bool("CREATE_IMPORT_LOG", true)
            .bool("LEAVE_BAD_FILES", true)
            .integer("PROFTPD_USERS_GID", 2000, 1, Integer.MAX_VALUE)
            .path("PROFTPD_PID_FILE", "/run/proftpd.pid")
            .nonBlank("PROFTPD_USER", "proftpd")
            .build();

    /** Reads {@code ftp.json}; a bad value is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    static FtpSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, FtpSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}; the file names are checked here. */
    static FtpSettings from(Settings settings) {
        Path confPath = settings.path("CONF_PATH");
        return new FtpSettings(confPath,
                settings.optionalPath("LOGIN_FILE").orElse(confPath.resolve(LOGIN_FILE_NAME)),
                settings.path("LOG_FILE"),
                settings.path("DATA_PATH"),
                fileName(settings, "LOCK_FILENAME"),
                fileName(settings, "USER_ERROR_LOG"),
                fileName(settings, "USER_IMPORT_LOG"),
                new FtpUserSwitches(settings.bool("SAME_NAME_DIR_PAIRING"), settings.bool("SAME_DIR_PAIRING"),
                        settings.bool("ISBN_PAIRING"), settings.bool("CREATE_IMPORT_LOG"), settings.bool("LEAVE_BAD_FILES")),
                settings.bool("LOCK_ONLY_IN_HOME"),
                (int) settings.integer("PROFTPD_USERS_GID"),
                settings.path("PROFTPD_PID_FILE"),
                settings.string("PROFTPD_USER"));
    }

    // These name files inside a user's home: a path would put them elsewhere.
    private static String fileName(Settings settings, String key) {
        String name = settings.string(key);
        if (name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw settings.invalid(key, "must be a plain file name (it is created in each user's home), not '" + name + "'");
        }
        return name;
    }
}
