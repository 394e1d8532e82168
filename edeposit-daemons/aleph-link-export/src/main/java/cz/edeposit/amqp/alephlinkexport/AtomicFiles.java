package cz.edeposit.amqp.alephlinkexport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces a file so that a reader sees the old or the new content, never a part, and a crash
 * leaves one of the two: a temporary file in the same directory, written and synced, renamed over
 * the target, then the directory synced so that the rename itself survives a power loss.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code content}; the new file's mode follows the umask, as the original's did. */
    static void replace(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(tempPrefix(target) + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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
        syncDirectory(target.getParent());
    }

    /** Makes a rename or deletion in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes the temporary files of {@code target} that a killed process left behind; returns how many. */
    static int removeLeftovers(Path target) throws IOException {
        int removed = 0;
        String prefix = tempPrefix(target);
        // Not a glob: the file name may hold glob characters.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    // A leading dot: a job that lists the directory for requests.xml does not see our temporary files.
    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }
}
