package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.wire.ValueError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Unpacks publisher zips safely into a directory, and packs a directory again with relative names. */
final class ZipArchives {

    private ZipArchives() {
    }

    /**
     * Unpacks {@code zip} into the empty directory {@code into}: names that are absolute or climb
     * with {@code ..} are refused, and so are more than {@code limits.entries()} entries or more
     * than {@code limits.bytes()} unpacked bytes (counted as written, not as announced).
     *
     * @throws ValueError for a file that is not a zip or breaks a rule
     */
    static void unpack(Path zip, Path into, StorageSettings.ArchiveLimits limits) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > limits.entries()) {
                throw new ValueError("the archive has " + file.size() + " entries; at most " + limits.entries()
                        + " are accepted (STORAGE_ARCHIVE_MAX_ENTRIES)");
            }
            long written = 0;
            Set<String> seen = new HashSet<>();
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = target(into, entry.getName());
                if (!seen.add(into.relativize(target).toString())) {
                    throw new ValueError("the archive holds '" + entry.getName() + "' twice");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry);
                     FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE);
                     OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > limits.bytes()) {
                            throw new ValueError("the archive unpacks to more than " + limits.bytes()
                                    + " bytes (STORAGE_ARCHIVE_MAX_BYTES)");
                        }
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                    channel.force(true);
                }
            }
        } catch (ZipException e) {
            throw new ValueError("b64_data of the Archive is not a zip file: " + e.getMessage());
        }
    }

    private static Path target(Path into, String name) {
        String normalized = name.replace('\\', '/');
        if (normalized.isEmpty() || normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")
                || List.of(normalized.split("/")).contains("..") || normalized.indexOf('\0') >= 0) {
            throw new ValueError("the archive holds an unsafe name: '" + shorten(name) + "'");
        }
        Path target = into.resolve(normalized).normalize();
        if (!target.startsWith(into) || target.equals(into)) {
            throw new ValueError("the archive holds an unsafe name: '" + shorten(name) + "'");
        }
        return target;
    }

    /** The files under {@code dir} as a zip with names relative to it (the original stored absolute ones). */
    static byte[] pack(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); var walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(dir) || Files.isSymbolicLink(path)) {
                    continue;
                }
                String name = dir.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(path, zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The bytes of the files under {@code dir}. */
    static long size(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            long total = 0;
            for (Path path : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(path);
                }
            }
            return total;
        }
    }

    private static String shorten(String name) {
        return name.length() > 100 ? name.substring(0, 100) + "..." : name;
    }
}
