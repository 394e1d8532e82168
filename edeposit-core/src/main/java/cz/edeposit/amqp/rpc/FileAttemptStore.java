package cz.edeposit.amqp.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Attempt counts as files {@code <key>.count} in a directory next to the PID file. Only redelivered
 * requests ever get a file, so the normal path does no file I/O. A failure to read or write is
 * logged and treated as "no count": the store must never stop a daemon from answering.
 */
final class FileAttemptStore implements AttemptStore {

    private static final Logger log = LoggerFactory.getLogger(FileAttemptStore.class);

    /** A count this old belongs to a request that was answered by another instance, or dropped. */
    static final Duration MAX_AGE = Duration.ofDays(7);

    private final Path directory;

    FileAttemptStore(Path directory) {
        this.directory = directory;
        prune(Instant.now().minus(MAX_AGE));
    }

    @Override
    public int recorded(String key) {
        try {
            return Integer.parseInt(Files.readString(file(key), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            log.warn("Cannot read the attempt count {}: {}", file(key), e.toString());
            return 0;
        }
    }

    @Override
    public void record(String key, int attempts) {
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, key, ".tmp");
            Files.writeString(temp, attempts + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("Cannot record attempt {} in {}: {}", attempts, directory, e.toString());
        }
    }

    @Override
    public void forget(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            log.warn("Cannot remove the attempt count {}: {}", file(key), e.toString());
        }
    }

    /** Removes counts (and temporary files) last written before {@code cutoff}. */
    void prune(Instant cutoff) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).compareTo(FileTime.from(cutoff)) < 0) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot prune old attempt counts in {}: {}", directory, e.toString());
        }
    }

    private Path file(String key) {
        return directory.resolve(key + ".count");
    }
}
