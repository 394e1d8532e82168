package cz.edeposit.amqp.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * The one way to replace a file's whole content so that a reader sees the old or the new content, never a part.
 *
 * <p>A crash leaves one of the two: a temporary file in the same directory, written and synced, renamed over
 * the target, then the directory synced so that the rename itself survives a power loss. A killed process may
 * leave its temporary file ({@code .<name>.<uuid>.tmp}, hidden from jobs that list the directory);
 * {@link #removeLeftovers} deletes them at the next start.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code content}; the new file's mode follows the umask. */
    public static void replace(Path target, byte[] content) throws IOException {
        write(target, content, null);
    }

    /**
     * Replaces {@code target} with {@code content}, the new file having exactly {@code permissions} whatever the
     * umask (e.g. {@code rw-------} for a file holding secrets); it has them from its creation, so the content
     * is never readable with wider ones.
     */
    public static void replace(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        write(target, content, Set.copyOf(permissions));
    }

    /** Makes a rename or deletion in {@code dir} durable. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes the temporary files of {@code target} that a killed process left behind; returns how many. */
    public static int removeLeftovers(Path target) throws IOException {
        int removed = 0;
        String prefix = tempPrefix(target);
        // Not a glob: the file name may hold glob characters.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directoryOf(target))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path temp = target.resolveSibling(tempPrefix(target) + UUID.randomUUID() + ".tmp");
        FileAttribute<?>[] attributes = permissions == null
                ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        try {
            try (FileChannel channel = FileChannel.open(temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                if (permissions != null) {
                    Files.setPosixFilePermissions(temp, permissions); // the umask narrowed the creation mode
                }
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(directoryOf(target));
    }

    // A relative file name has no parent: its directory is the working one.
    private static Path directoryOf(Path target) {
        return target.toAbsolutePath().getParent();
    }

    // A leading dot: a job that lists the directory for its files does not see our temporary files.
    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }
}
