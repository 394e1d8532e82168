package cz.edeposit.amqp.ltp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories of a package: written and synced before anyone may see them, readable by
 * LTP's own user (files 0644, directories 0755, whatever the daemon's umask), removed whole.
 */
final class PackageFiles {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private PackageFiles() {
    }

    /** Creates the directory {@code dir} (not its parents) with mode 0755. */
    static Path directory(Path dir) throws IOException {
        Files.createDirectory(dir);
        mode(dir, DIRECTORY_MODE);
        return dir;
    }

    /** A new file {@code file} with {@code content}, synced to disk, mode 0644. */
    static void write(Path file, byte[] content) throws IOException {
        try (FileChannel channel = create(file)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** A new, empty file opened for writing, mode 0644; it never follows a link. */
    static FileChannel create(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        mode(file, FILE_MODE);
        return channel;
    }

    /** Makes the entries of {@code dir} (a rename, a new file) durable. */
    static void sync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Syncs every directory of the tree {@code root}, deepest first. */
    static void syncTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                sync(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Copies the tree {@code from} to the new directory {@code to}, each file synced, with the package modes. */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                directory(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!attributes.isRegularFile()) {
                    throw new IOException("a package holds only files and directories, not " + file);
                }
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                     FileChannel out = create(to.resolve(from.relativize(file).toString()))) {
                    long size = in.size();
                    for (long done = 0; done < size; ) {
                        done += in.transferTo(done, size - done, out);
                    }
                    out.force(true);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        syncTree(to);
    }

    /** Deletes {@code root} and everything under it, if it exists; links are removed, never followed. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@link #deleteTree} for clean-up after a failure: a second failure must not hide the first. */
    static void deleteQuietly(Path root, Throwable first) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            first.addSuppressed(e);
        }
    }

    private static void mode(Path path, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (a test on another OS): the umask decides.
        }
    }
}
