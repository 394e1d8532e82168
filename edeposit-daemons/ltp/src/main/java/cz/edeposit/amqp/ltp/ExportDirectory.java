package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.ltp.LtpMessages.TrackingResponse;
import cz.edeposit.amqp.wire.ValueError;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code EXPORT_DIR}, where LTP takes packages and answers by renaming them: publishes a built package
 * atomically under {@code <EXPORT_PREFIX><uuid>}, and reads LTP's answer back. Our own transient
 * entries there are dot-named, so LTP (and tracking) never sees them.
 */
final class ExportDirectory {

    private static final Set<String> DONE = Set.of("ok", "success", "done");

    private final Path dir;
    private final String prefix;

    ExportDirectory(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    /** Where the package of {@code uuid} appears. */
    Path target(String uuid) {
        return dir.resolve(prefix + uuid);
    }

    /**
     * Moves the built package {@code built} to {@link #target}, replacing an earlier one: renamed from
     * the same file system, else copied into a dot-named directory first and that renamed.
     */
    void publish(Path built, String uuid) throws IOException {
        Path target = target(uuid);
        Path staging = dir.resolve("." + prefix + uuid + ".partial-" + UUID.randomUUID());
        Path aside = dir.resolve("." + prefix + uuid + ".old-" + UUID.randomUUID());
        try {
            try {
                Files.move(built, staging, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // TEMP_DIR on another file system (systemd's PrivateTmp): a copy, hidden until complete.
                PackageFiles.copyTree(built, staging);
            }
            boolean replacing = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (replacing) {
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (replacing) {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            PackageFiles.sync(dir);
        } catch (IOException | RuntimeException e) {
            PackageFiles.deleteQuietly(staging, e);
            throw e;
        } finally {
            PackageFiles.deleteTree(aside);
        }
    }

    /** Removes the dot-named leftovers of a crash (half-copied or replaced packages); returns how many. */
    int removeLeftovers() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith("." + prefix) && (name.contains(".partial-") || name.contains(".old-"))) {
                    PackageFiles.deleteTree(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * What LTP did with the package of {@code uuid}: the newest entry whose name holds the UUID, less
     * the UUID, is the status.
     *
     * @throws ValueError when no entry holds the UUID
     */
    TrackingResponse track(String uuid) throws IOException {
        Pattern id = Pattern.compile(Pattern.quote(uuid), Pattern.CASE_INSENSITIVE);
        String newest = null;
        FileTime newestTime = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || !id.matcher(name).find()) {
                    continue;
                }
                FileTime time = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .lastModifiedTime();
                if (newestTime == null || time.compareTo(newestTime) > 0
                        || time.equals(newestTime) && name.compareTo(newest) > 0) {
                    newest = name;
                    newestTime = time;
                }
            }
        }
        if (newest == null) {
            throw new ValueError("no package of book_uuid " + uuid + " in the export directory");
        }
        String status = id.matcher(newest).replaceAll("").replace("/", "");
        String word = status.endsWith("_") ? status.substring(0, status.length() - 1) : status;
        boolean exported = DONE.contains(word.toLowerCase(Locale.ROOT));
        return new TrackingResponse(uuid, exported, exported ? null : status);
    }
}
