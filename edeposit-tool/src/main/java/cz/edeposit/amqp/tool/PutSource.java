package cz.edeposit.amqp.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The bytes {@code --put} sends: a file's, or standard input's for {@code -}, read whole and unchanged. */
final class PutSource {

    /** RabbitMQ's default {@code max_message_size}; a larger message would be refused by the broker anyway. */
    static final int MAX_BYTES = 128 * 1024 * 1024;
    static final String STDIN = "-";

    private final InputStream stdin;

    PutSource(InputStream stdin) {
        this.stdin = stdin;
    }

    /**
     * The content of {@code file}.
     *
     * @throws ToolFailure {@code Can't open '<FILE>'!} (the original's text) and the reason
     */
    byte[] read(String file) {
        try {
            return file.equals(STDIN) ? limited(stdin, "standard input") : readFile(file);
        } catch (NoSuchFileException e) {
            throw cantOpen(file, "no such file");
        } catch (AccessDeniedException e) {
            throw cantOpen(file, "permission denied");
        } catch (IOException | InvalidPathException e) {
            throw cantOpen(file, e.getMessage());
        }
    }

    private static byte[] readFile(String file) throws IOException {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IOException("it is a directory");
        }
        try (InputStream input = Files.newInputStream(path)) {
            return limited(input, "the file");
        }
    }

    private static byte[] limited(InputStream input, String what) throws IOException {
        byte[] bytes = input.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException(what + " is larger than " + MAX_BYTES + " bytes, RabbitMQ's default max_message_size");
        }
        return bytes;
    }

    private static ToolFailure cantOpen(String file, String reason) {
        return ToolFailure.of("Can't open '" + file + "'!", "(" + reason + ")");
    }
}
