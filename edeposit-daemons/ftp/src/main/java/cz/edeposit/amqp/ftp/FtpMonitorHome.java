package cz.edeposit.amqp.ftp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file-system side of an import in one user's home: what is in it (never following a link), whether it has
 * stopped changing, locking it read-only while the import runs and unlocking it, deleting what was imported, and
 * writing the user's logs. Paths are relative to the home, {@code /}-separated.
 */
final class FtpMonitorHome {

    /**
     * What a walk found.
     *
     * @param files     regular files that may be imported
     * @param skipped   entries that are never imported and stay: links, FIFOs, devices (one error line each)
     * @param snapshot  size and mtime of every entry, uploads in progress included, to see whether it changes
     */
    record Contents(List<String> files, List<String> skipped, Map<String, List<Long>> snapshot) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorHome.class);

    private final Path home;
    private final FtpSettings settings;

    FtpMonitorHome(Path home, FtpSettings settings) {
        this.home = home;
        this.settings = settings;
    }

    Path home() {
        return home;
    }

    /** The path of a file of the home; {@code ..} and absolute names are refused. */
    Path resolve(String relative) {
        Path file = home.resolve(relative).normalize();
        if (!file.startsWith(home) || file.equals(home)) {
            throw new IllegalArgumentException(relative + " is not in " + home);
        }
        return file;
    }

    /**
     * The home's entries. The lock file and the user's logs in the home itself never take part; an upload in
     * progress under ProFTPD's {@code HiddenStores} ({@code .in.NAME.}) is neither imported nor reported.
     */
    Contents walk() throws IOException {
        List<String> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, List<Long>> snapshot = new TreeMap<>();
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String relative = relative(file);
                snapshot.put(relative, List.of(attributes.size(), attributes.lastModifiedTime().toMillis()));
                String name = file.getFileName().toString();
                boolean inHome = file.getParent().equals(home);
                if (inHome && (name.equals(settings.lockFilename()) || name.equals(settings.userErrorLog())
                        || name.equals(settings.userImportLog()))) {
                    return FileVisitResult.CONTINUE;
                }
                if (name.startsWith(".in.") && name.endsWith(".") && name.length() > 5) {
                    return FileVisitResult.CONTINUE;
                }
                (attributes.isRegularFile() ? files : skipped).add(relative);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                skipped.add(relative(file));
                return FileVisitResult.CONTINUE;
            }
        });
        return new Contents(files, skipped, snapshot);
    }

    private String relative(Path file) {
        return home.relativize(file).toString();
    }

    /**
     * Sets the mode of the whole tree: 0555 (read-only) while the import runs; 0775/0664 after. Every entry is tried;
     * the first failure is thrown at the end, with the number of the others.
     */
    void lock(boolean locked) throws IOException {
        List<IOException> failures = new ArrayList<>();
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                mode(dir, locked ? "r-xr-xr-x" : "rwxrwxr-x", failures);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) { // a link's mode is its target's: never touched
                    mode(file, locked ? "r-xr-xr-x" : "rw-rw-r--", failures);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                failures.add(failure);
                return FileVisitResult.CONTINUE;
            }
        });
        if (!failures.isEmpty()) {
            throw new IOException("cannot " + (locked ? "lock " : "unlock ") + relative(failures.get(0)) + " ("
                    + failures.get(0) + ")" + (failures.size() > 1 ? " and " + (failures.size() - 1) + " more" : ""),
                    failures.get(0));
        }
    }

    private String relative(IOException failure) {
        String file = failure instanceof java.nio.file.FileSystemException system ? system.getFile() : null;
        return file == null ? "the home" : home.relativize(Path.of(file)).toString();
    }

    private static void mode(Path path, String mode, List<IOException> failures) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        } catch (IOException failure) {
            failures.add(failure);
        }
    }

    /**
     * Deletes imported (or bad) files, then every directory of the home left empty; every file is tried.
     *
     * @return a line for each file or directory that could not be deleted
     */
    List<String> delete(List<String> relatives) {
        List<String> failures = new ArrayList<>();
        for (String relative : relatives) {
            try {
                Files.deleteIfExists(resolve(relative)); // a link is deleted as a link
            } catch (IOException | RuntimeException failure) {
                failures.add(relative + ": could not be deleted (" + failure + ")");
            }
        }
        try {
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
                    if (!dir.equals(home)) {
                        try (var entries = Files.list(dir)) {
                            if (entries.findAny().isEmpty()) {
                                Files.delete(dir);
                            }
                        } catch (IOException left) {
                            LOG.warn("{}: an empty directory could not be deleted ({})", dir, left.toString());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException walk) {
            LOG.warn("{}: empty directories could not be looked for ({})", home, walk.toString());
        }
        return failures;
    }

    /** Writes a log file into the home (atomically; group {@code PROFTPD_USERS_GID}, mode 0664), or deletes it. */
    void writeLog(String name, String text) throws IOException {
        Path log = home.resolve(name);
        if (text == null) {
            Files.deleteIfExists(log);
            return;
        }
        Path temporary = Files.createTempFile(home, ".edeposit-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            Files.setAttribute(temporary, "unix:gid", settings.usersGid(), LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-rw-r--"));
            Files.move(temporary, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (NoSuchFileException gone) {
                // moved
            }
        }
    }
}
