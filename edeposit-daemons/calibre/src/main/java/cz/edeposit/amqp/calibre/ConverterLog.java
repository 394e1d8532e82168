package cz.edeposit.amqp.calibre;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what ebook-convert printed, bounded, since a run may print without end. */
final class ConverterLog {

    /** The protocol of a reply keeps at most the last MiB of standard output. */
    static final int PROTOCOL_BYTES = 1 << 20;
    static final int LAST_LINES = 20;
    private static final int TAIL_BYTES = 64 << 10;
    private static final int LINE_CHARS = 500;

    private ConverterLog() {
    }

    /** The standard output as text; when it is longer than {@link #PROTOCOL_BYTES}, its end. */
    static String protocol(Path stdout) throws IOException {
        long size = sizeOf(stdout);
        String text = tail(stdout, PROTOCOL_BYTES);
        return size > PROTOCOL_BYTES ? "[... " + (size - PROTOCOL_BYTES) + " bytes cut ...]\n" + text : text;
    }

    /** The last non-blank lines of standard output followed by standard error, where calibre puts its tracebacks. */
    static String lastLines(Path stdout, Path stderr) {
        List<String> lines = new ArrayList<>();
        for (Path stream : List.of(stdout, stderr)) {
            try {
                tail(stream, TAIL_BYTES).lines().filter(line -> !line.isBlank())
                        .map(line -> line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + " [...]" : line)
                        .forEach(lines::add);
            } catch (IOException e) {
                lines.add("(cannot read " + stream.getFileName() + ": " + e.getMessage() + ")");
            }
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
        return last.isEmpty() ? "(no output)" : String.join("\n", last);
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static String tail(Path file, int maxBytes) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - maxBytes);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            // A cut may split a UTF-8 sequence: the decoder replaces the fragment instead of failing.
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
