package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.files.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Takes in Aleph's {@code responses.xml}: renames it aside ({@code responses.xml.processing}) before
 * reading, so that a file Aleph writes meanwhile is a new one, and so that a crash leaves the aside
 * file to be taken in at the restart. A file that is not valid is renamed to
 * {@code responses.xml.invalid-<UTC yyyyMMddHHmmss>} and never applied in part.
 */
final class ResponseIntake {

    private static final Logger log = LoggerFactory.getLogger(ResponseIntake.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** Larger than any real answer (a result is about 100 bytes); refused before it is read. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * One aside file read: its results, or none when {@code alreadyApplied} (the store holds its mark:
     * the daemon died after applying it and before deleting it).
     */
    record Taken(Path aside, ResponseMark mark, List<LinkUpdateResponse> results, boolean alreadyApplied) {
    }

    private final Path responseFile;
    private final Path aside;
    private final Clock clock;
    private final ExportLog exportLog;

    ResponseIntake(Path responseFile, Clock clock, ExportLog exportLog) {
        this.responseFile = responseFile;
        this.aside = responseFile.resolveSibling(responseFile.getFileName() + ".processing");
        this.clock = clock;
        this.exportLog = exportLog;
    }

    /**
     * The aside file left by a failed or killed run if there is one, else {@code responses.xml} if
     * Aleph wrote one (and {@code leftoverOnly} is false); empty when there is nothing valid to take.
     */
    Optional<Taken> take(ResponseMark applied, boolean leftoverOnly) throws IOException {
        if (!Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            if (leftoverOnly || !Files.exists(responseFile, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try {
                Files.move(responseFile, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return Optional.empty(); // gone meanwhile
            }
        }
        if (!Files.isRegularFile(aside, LinkOption.NOFOLLOW_LINKS)) {
            setAside("it is not a regular file (a symbolic link, say)");
            return Optional.empty();
        }
        if (Files.size(aside) > MAX_BYTES) {
            setAside("it is larger than " + MAX_BYTES + " bytes");
            return Optional.empty();
        }
        byte[] content = Files.readAllBytes(aside);
        ResponseMark mark = ResponseMark.of(aside, content);
        if (mark.equals(applied)) {
            return Optional.of(new Taken(aside, mark, List.of(), true));
        }
        try {
            return Optional.of(new Taken(aside, mark, ResponsesXml.parse(content), false));
        } catch (ResponsesXml.Invalid e) {
            setAside(e.getMessage());
            return Optional.empty();
        }
    }

    /** Removes the aside file once its results are in the store. */
    void done(Taken taken) throws IOException {
        Files.deleteIfExists(taken.aside());
        AtomicFiles.syncDirectory(taken.aside().getParent());
    }

    private void setAside(String why) throws IOException {
        String base = responseFile.getFileName() + ".invalid-" + STAMP.format(clock.instant());
        Path target = responseFile.resolveSibling(base);
        for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
            target = responseFile.resolveSibling(base + "-" + n);
        }
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
        log.error("{} is not a valid answer of Aleph ({}): set aside as {}; nothing of it was applied", responseFile, why,
                target.getFileName());
        exportLog.line("Set aside invalid " + responseFile.getFileName() + " as " + target.getFileName() + ": " + why);
    }
}
