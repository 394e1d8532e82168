package cz.edeposit.amqp.alephlinkexport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * {@code LOG_FN}: the exchange's own record for the people who run the Aleph side, one timestamped
 * line per request, result and file (the original's {@code link_export.log}); off without {@code LOGGING_ENABLED}.
 */
final class ExportLog {

    private static final Logger log = LoggerFactory.getLogger(ExportLog.class);

    private final Path file;
    private final Clock clock;

    /** @param file the log, or {@code null} when logging is off */
    ExportLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Whether lines are written at all: a caller may skip building one that would be dropped. */
    boolean enabled() {
        return file != null;
    }

    /** Appends {@code message}; a log that cannot be written is a warning, never a failed request. */
    void line(String message) {
        if (file == null) {
            return;
        }
        String text = clock.instant() + " " + message.strip().replace('\n', ' ') + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("Cannot append to LOG_FN {}: {}", file, e.toString());
        }
    }
}
