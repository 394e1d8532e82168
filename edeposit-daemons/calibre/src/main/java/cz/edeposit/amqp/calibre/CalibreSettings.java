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
 */
record CalibreSettings(Path ebookConvert, Duration timeout, long maxOutputBytes, Path tempDir) {

    static final String FILE = "calibre.json";
    static final String EBOOK_CONVERT = "CALIBRE_EBOOK_CONVERT";
    static final String TIMEOUT = "CALIBRE_TIMEOUT_SECONDS";
    static final String MAX_OUTPUT = "CALIBRE_MAX_OUTPUT_BYTES";
    static final String TEMP_DIR = "CALIBRE_TEMP_DIR";

    static final long MAX_TIMEOUT_SECONDS = 86_400;
    /** Base64 of more than this would not fit in one Java string, let alone one AMQP message. */
    static final long MAX_OUTPUT_LIMIT = 1L << 30;

    static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .string(EBOOK_CONVERT, "/usr/bin/ebook-convert")
            .integer(TIMEOUT, 300)
            .integer(MAX_OUTPUT, 64L << 20)
            .string(TEMP_DIR, "/tmp")
            .build();

    /** Reads {@code calibre.json} and checks every value; a bad one is a {@link ConfigException}. */
    static CalibreSettings load(DaemonEnvironment environment) {
        return from(environment.load(SCHEMA, FILE));
    }

    static CalibreSettings from(Settings settings) {
        String source = settings.source().map(Path::toString).orElse(FILE);
        Path ebookConvert = absolute(settings.string(EBOOK_CONVERT), EBOOK_CONVERT, source);
        long seconds = settings.integer(TIMEOUT);
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw bad(TIMEOUT, "must be 1-" + MAX_TIMEOUT_SECONDS + " seconds, not " + seconds, source);
        }
        long maxOutput = settings.integer(MAX_OUTPUT);
        if (maxOutput < 1 || maxOutput > MAX_OUTPUT_LIMIT) {
            throw bad(MAX_OUTPUT, "must be 1-" + MAX_OUTPUT_LIMIT + " bytes, not " + maxOutput, source);
        }
        Path tempDir = absolute(settings.string(TEMP_DIR), TEMP_DIR, source);
        if (!Files.isDirectory(tempDir) || !Files.isWritable(tempDir)) {
            throw bad(TEMP_DIR, tempDir + (Files.isDirectory(tempDir) ? " is not writable by this user"
                    : " is not an existing directory") + "; point it at a directory the daemon may write to", source);
        }
        return new CalibreSettings(ebookConvert, Duration.ofSeconds(seconds), maxOutput, tempDir);
    }

    /** The one-line message names the key, the problem and both places a value can come from. */
    static ConfigException bad(String key, String problem, String source) {
        return new ConfigException(key + " " + problem + " (set in " + source + " or EDEPOSIT_" + key + ")");
    }

    private static Path absolute(String value, String key, String source) {
        Path path;
        try {
            path = Path.of(value);
        } catch (RuntimeException e) {
            throw bad(key, "is not a usable path: '" + value + "'", source);
        }
        if (!path.isAbsolute()) {
            throw bad(key, "must be an absolute path, not '" + value + "'", source);
        }
        return path.normalize();
    }
}
