package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings of {@code ltp.json}: the original's four keys and the Java-only file limit.
 *
 * @param tempDir      {@code TEMP_DIR}: where packages are built, each in a private directory
 * @param exportDir    {@code EXPORT_DIR}: where finished packages appear, for LTP to take
 * @param importDir    {@code IMPORT_DIR}: kept for compatibility; unused, as in the original
 * @param exportPrefix {@code EXPORT_PREFIX}: the name of a finished package is this and the UUID
 * @param maxFileBytes {@code LTP_MAX_FILE_BYTES}: the largest decoded file an export may carry
 */
public record LtpSettings(Path tempDir, Path exportDir, Path importDir, String exportPrefix, long maxFileBytes) {

    static final String FILE = "ltp.json";
    static final String TEMP_DIR = "TEMP_DIR";
    static final String EXPORT_DIR = "EXPORT_DIR";
    static final String IMPORT_DIR = "IMPORT_DIR";
    static final String EXPORT_PREFIX = "EXPORT_PREFIX";
    static final String MAX_FILE_BYTES = "LTP_MAX_FILE_BYTES";

    /** Every key of {@code ltp.json} with its default; an empty {@code TEMP_DIR} is Java's {@code java.io.tmpdir}. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .optionalPath(TEMP_DIR, "")
            .path(EXPORT_DIR, "/home/ltp/edep2ltp")
            .path(IMPORT_DIR, "/home/ltp/ltp2edep")
            .nonBlank(EXPORT_PREFIX, "complete_")
            // No more than the request body limit lets through (LtpDaemon.MAX_REQUEST_BYTES): a larger value would lie.
            .bytes(MAX_FILE_BYTES, 100L << 20, 1, 100L << 20)
            .build();

    /** Reads {@code ltp.json}; a bad value or a missing or read-only directory is a one-line ConfigException. */
    public static LtpSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, LtpSettings::from);
    }

    /** Converts values that core has already checked, and checks the directories and the prefix. */
    static LtpSettings from(Settings settings) {
        Path temp = settings.optionalPath(TEMP_DIR).orElse(Path.of(System.getProperty("java.io.tmpdir")));
        writableDirectory(settings, TEMP_DIR, temp);
        Path export = settings.path(EXPORT_DIR);
        writableDirectory(settings, EXPORT_DIR, export);
        String prefix = settings.string(EXPORT_PREFIX);
        // The prefix becomes part of a file name in EXPORT_DIR: no separators, no dot-named (hidden) packages.
        if (!prefix.matches("[A-Za-z0-9_-]{1,64}")) {
            throw settings.invalid(EXPORT_PREFIX, "must be 1 to 64 letters, digits, '_' or '-' (it starts the"
                    + " package's directory name), not \"" + prefix + "\"");
        }
        return new LtpSettings(temp, export, settings.path(IMPORT_DIR), prefix, settings.bytes(MAX_FILE_BYTES));
    }

    private static void writableDirectory(Settings settings, String key, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw settings.invalid(key, "names " + dir + ", which is not a directory; create it (writable by the"
                    + " daemon's user) or point " + key + " elsewhere");
        }
        if (!Files.isWritable(dir)) {
            throw settings.invalid(key, "names " + dir + ", which this user cannot write to; give the daemon's user"
                    + " write access to it");
        }
    }
}
