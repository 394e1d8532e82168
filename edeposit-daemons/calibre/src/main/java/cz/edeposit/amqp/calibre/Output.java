package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.UserWarning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The converter's output: one file, or for {@code oeb} a directory, which is sent as a zip of its
 * files. Symbolic links are never followed, so nothing outside the work directory is read.
 */
final class Output {

    private Output() {
    }

    /** Bytes written so far: the file's size or the sum over the directory's files; 0 while it does not exist. */
    static long size(Path output) throws IOException {
        if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            return sizeOf(output);
        }
        long total = 0;
        for (Path file : files(output)) {
            total += sizeOf(file);
        }
        return total;
    }

    // While the converter runs, a file may vanish between listing and measuring it.
    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Whether ebook-convert wrote the output in the shape its format has. */
    static boolean exists(Path output, String format) {
        return Formats.DIRECTORY_FORMAT.equals(format)
                ? Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)
                : Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The output in base64 wrapped at 80 columns, read from the file as it is encoded; a
     * {@link UserWarning} when it is larger than {@code maxBytes}.
     */
    static String base64(Path output, long maxBytes) throws IOException {
        long size = size(output);
        if (size > maxBytes) {
            throw new UserWarning("Conversion failed: the output has " + size + " bytes, more than "
                    + CalibreSettings.MAX_OUTPUT + " allows (" + maxBytes + ")");
        }
        if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
            byte[] zip = zip(output);
            return Base64Text.encodeWrapped(new ByteArrayInputStream(zip), zip.length);
        }
        try (InputStream in = Files.newInputStream(output, LinkOption.NOFOLLOW_LINKS)) {
            return Base64Text.encodeWrapped(in, Files.size(output));
        }
    }

    private static byte[] zip(Path directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files(directory)) {
                zip.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The regular files below {@code directory}, sorted for a reproducible zip. */
    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                // The converter removed a file while we counted: count again on the next poll.
                return List.of();
            }
            throw e.getCause();
        }
    }
}
