package cz.edeposit.amqp.pdfgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whole files read without leaving a buffer as large as the file behind. */
final class FileBytes {

    private FileBytes() {
    }

    /**
     * The file's bytes, read a few KB at a time. {@code Files.readAllBytes} reads a file in one call, through a
     * temporary direct buffer as large as the file, which the JDK then keeps cached for the thread: for a font,
     * 0.7 MB of native memory resident for good in each thread that ever read one (the main thread at start-up,
     * each worker; docs/pdfgen.md, "Memory").
     */
    static byte[] read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        }
    }
}
