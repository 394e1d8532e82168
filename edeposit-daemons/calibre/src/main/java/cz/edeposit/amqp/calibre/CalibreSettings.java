package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The calibre daemon's settings from {@code calibre.json}. The original had no settings file for
 * calibre, so every key is Java-only; {@code EDEPOSIT_<KEY>} variables override them as usual.
 *
 * @param ebookConvert   absolute path of calibre's {@code ebook-convert}
 * @param timeout        how long one conversion may run before its process tree is killed
 * @param maxOutputBytes the largest converted document the daemon sends back
 * @param tempDir        where each request gets its private working directory
 * @param maxWorkBytes   the most one conversion's work directory may hold (input, output, calibre's own files)
 * @param sandbox        whether ebook-convert runs in the bubblewrap sandbox ({@link Sandbox})
 * @param bwrap          absolute path of bubblewrap's {@code bwrap}
 */
record CalibreSettings(Path ebookConvert, Duration timeout, long maxOutputBytes, Path tempDir, long maxWorkBytes,
                       boolean sandbox, Path bwrap) {

    static final String FILE = "calibre.json";
    static final String EBOOK_CONVERT = "CALIBRE_EBOOK_CONVERT";
    static final String TIMEOUT = "CALIBRE_TIMEOUT_SECONDS";
    static final String MAX_OUTPUT = "CALIBRE_MAX_OUTPUT_BYTES";
    static final String TEMP_DIR = "CALIBRE_TEMP_DIR";
    static final String MAX_WORK = "CALIBRE_MAX_WORK_BYTES";
    static final String SANDBOX = "CALIBRE_SANDBOX";
    static final String BWRAP = "CALIBRE_BWRAP";

    static final long MAX_TIMEOUT_SECONDS = 86_400;
    /** Base64 of more than this would not fit in one Java string, let alone one AMQP message. */
    static final long MAX_OUTPUT_LIMIT = 1L << 30;
    /** A book, calibre's unpacked copy of it and the output fit in far less; a zip bomb is stopped at it. */
    static final long DEFAULT_MAX_WORK = 512L << 20;

    static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .path(EBOOK_CONVERT, "/usr/bin/ebook-convert")
            .seconds(TIMEOUT, 300, 1, MAX_TIMEOUT_SECONDS)
            .bytes(MAX_OUTPUT, 64L << 20, 1, MAX_OUTPUT_LIMIT)
            .path(TEMP_DIR, "/tmp")
            .bytes(MAX_WORK, DEFAULT_MAX_WORK, 1L << 20, 1L << 40)
            .bool(SANDBOX, true)
            .path(BWRAP, "/usr/bin/bwrap")
            .build();

    /** Reads {@code calibre.json}; a bad value is a one-line {@link ConfigException}. */
    static CalibreSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, CalibreSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}, and checks that the work directory is usable. */
    static CalibreSettings from(Settings settings) {
        Path tempDir = settings.path(TEMP_DIR);
        if (!Files.isDirectory(tempDir) || !Files.isWritable(tempDir)) {
            throw settings.invalid(TEMP_DIR, tempDir + (Files.isDirectory(tempDir) ? " is not writable by this user"
                    : " is not an existing directory") + "; point it at a directory the daemon may write to");
        }
        return new CalibreSettings(settings.path(EBOOK_CONVERT), settings.duration(TIMEOUT), settings.bytes(MAX_OUTPUT),
                tempDir, settings.bytes(MAX_WORK), settings.bool(SANDBOX), settings.path(BWRAP));
    }
}
