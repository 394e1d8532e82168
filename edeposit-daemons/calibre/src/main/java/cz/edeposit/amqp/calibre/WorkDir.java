package cz.edeposit.amqp.calibre;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private directory (mode 700) for one conversion, {@code edeposit-calibre-<daemon pid>-<random>}
 * in the configured temp dir; {@link #close()} deletes it with everything the converter left.
 */
final class WorkDir implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkDir.class);
    private static final String PREFIX = "edeposit-calibre-";
    private static final Pattern OWN_NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.+");

    private final Path path;

    private WorkDir(Path path) {
        this.path = path;
    }

    /** Creates a fresh directory that only this user can enter. */
    static WorkDir create(Path tempDir) throws IOException {
        // The POSIX default of createTempDirectory is rwx------, which Qt also demands of XDG_RUNTIME_DIR.
        return new WorkDir(Files.createTempDirectory(tempDir, PREFIX + ProcessHandle.current().pid() + "-"));
    }

    Path path() {
        return path;
    }

    /** A name inside the directory; callers pass only fixed names, never text from a message. */
    Path resolve(String fixedName) {
        Path file = path.resolve(fixedName).normalize();
        if (!file.getParent().equals(path)) {
            throw new IllegalArgumentException("not a plain file name: '" + fixedName + "'");
        }
        return file;
    }

    /**
     * The bytes of every regular file below the directory, without following links; measured while
     * the converter runs, so a file that vanishes meanwhile counts as nothing.
     */
    long size() throws IOException {
        long[] total = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    total[0] += attributes.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /** Deletes the directory tree; a failure is logged, never thrown over the reply. */
    @Override
    public void close() {
        try {
            deleteTree(path);
        } catch (IOException e) {
            log.warn("Could not delete the work directory {}: {}", path, e.toString());
        }
    }

    /**
     * Deletes the work directories a killed daemon left in {@code tempDir}: those named after a
     * process id that no longer runs. Other daemons' live directories stay.
     */
    static int sweepOrphans(Path tempDir) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDir, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher matcher = OWN_NAME.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(entry) && !alive(matcher.group(1))) {
                    deleteTree(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("Could not clean up old work directories in {}: {}", tempDir, e.toString());
        }
        return removed;
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Deletes without following symbolic links, so nothing outside the tree is touched. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
