package cz.edeposit.amqp.antivirus;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces files in clamd's database directory so that clamd never sees a half-written file or a
 * missing database: every new file is first written under a temporary name that clamd does not
 * load, then renamed over its target, and the file it replaces is kept under a backup name until
 * the new database is confirmed; {@link #rollback()} puts everything back.
 */
final class DatabaseTransaction implements AutoCloseable {

    /** Suffixes clamd ignores: it loads only names with a signature-file extension. */
    static final String NEW_SUFFIX = ".edeposit-new";
    static final String OLD_SUFFIX = ".edeposit-old";

    /** One file being replaced. */
    private record Change(String name, Path staged, boolean hadPrevious) {
    }

    private final Path directory;
    private final List<Change> staged = new ArrayList<>();
    private final List<Change> committed = new ArrayList<>();
    private boolean finished;

    DatabaseTransaction(Path directory) {
        this.directory = directory;
    }

    /** Stages a copy of {@code source} as {@code name}. */
    void stage(String name, Path source) throws IOException {
        Path temporary = directory.resolve(name + NEW_SUFFIX);
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        settle(name, temporary);
    }

    /** Stages {@code content} as {@code name}. */
    void stage(String name, byte[] content) throws IOException {
        Path temporary = directory.resolve(name + NEW_SUFFIX);
        Files.write(temporary, content);
        settle(name, temporary);
    }

    boolean isEmpty() {
        return staged.isEmpty();
    }

    /**
     * Renames every staged file over its target, keeping each replaced file as a backup.
     * On a failure, what was already renamed is put back before the exception leaves.
     */
    void commit() throws IOException {
        try {
            for (Change change : staged) {
                Path target = directory.resolve(change.name());
                if (change.hadPrevious()) {
                    Path backup = directory.resolve(change.name() + OLD_SUFFIX);
                    Files.deleteIfExists(backup);
                    link(target, backup);
                }
                Files.move(change.staged(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                committed.add(change);
            }
            syncDirectory();
        } catch (IOException e) {
            rollback();
            throw e;
        }
    }

    /** The names of the committed files, in commit order. */
    List<String> committedNames() {
        return committed.stream().map(Change::name).toList();
    }

    /** Keeps the new files: deletes the backups. */
    void finish() throws IOException {
        for (Change change : committed) {
            Files.deleteIfExists(directory.resolve(change.name() + OLD_SUFFIX));
        }
        finished = true;
    }

    /** Puts back every replaced file, deletes files that are new, and drops staged copies. */
    void rollback() throws IOException {
        IOException failure = null;
        for (int i = committed.size() - 1; i >= 0; i--) {
            Change change = committed.get(i);
            Path target = directory.resolve(change.name());
            try {
                if (change.hadPrevious()) {
                    Files.move(directory.resolve(change.name() + OLD_SUFFIX), target,
                            StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(target);
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        committed.clear();
        discardStaged();
        finished = true;
        if (failure != null) {
            throw failure;
        }
    }

    /** Drops staged copies that were never committed. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            discardStaged();
        }
    }

    private void settle(String name, Path temporary) throws IOException {
        try {
            // clamd often runs as another user (clamav): the files must be readable by it.
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the default permissions apply.
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        staged.add(new Change(name, temporary, Files.exists(directory.resolve(name))));
    }

    // Also the backup of a change whose rename failed: it is a second name of the untouched file.
    private void discardStaged() throws IOException {
        for (Change change : staged) {
            Files.deleteIfExists(change.staged());
            if (!committed.contains(change)) {
                Files.deleteIfExists(directory.resolve(change.name() + OLD_SUFFIX));
            }
        }
    }

    // A hard link keeps the old file at no cost; where links are not possible, a copy does.
    private static void link(Path target, Path backup) throws IOException {
        try {
            Files.createLink(backup, target);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the renames are still atomic.
        }
    }
}
