package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.ValueError;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * The documents' base64 on the wire, streamed between the message text and files, so that the
 * daemon never holds a document's bytes next to its base64 (a book may have tens of MiB).
 */
final class Base64Text {

    /** The original wrapped replies at 80 columns (Python's textwrap.wrap); 60 bytes make one line. */
    static final int LINE = 80;
    private static final int LINE_BYTES = LINE / 4 * 3;
    private static final int CHUNK_LINES = 1024;

    private Base64Text() {
    }

    /**
     * Writes the bytes {@code b64} stands for to {@code file}. Like Python's b64decode, line breaks
     * and other characters outside the alphabet are skipped; bad padding is a {@link ValueError}.
     */
    static void decodeTo(String b64, Path file) throws IOException {
        if (b64 == null) {
            throw new ValueError("b64_data must be the document in base64, not null");
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Base64.getMimeDecoder().wrap(new TextStream(b64));
             OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw new ValueError("b64_data is not valid base64: " + e.getMessage(), e);
                }
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** The base64 of {@code size} bytes from {@code in}, in lines of 80 characters joined by {@code \n}. */
    static String encodeWrapped(InputStream in, long size) throws IOException {
        long chars = (size + 2) / 3 * 4;
        long lines = (chars + LINE - 1) / LINE;
        StringBuilder text = new StringBuilder(Math.toIntExact(chars + Math.max(0, lines - 1)));
        Base64.Encoder encoder = Base64.getEncoder();
        // Whole lines per chunk, so that only the last chunk can end in padding or a short line.
        byte[] chunk = new byte[LINE_BYTES * CHUNK_LINES];
        int read;
        while ((read = in.readNBytes(chunk, 0, chunk.length)) > 0) {
            String encoded = new String(encoder.encode(read == chunk.length ? chunk : Arrays.copyOf(chunk, read)),
                    StandardCharsets.ISO_8859_1);
            for (int start = 0; start < encoded.length(); start += LINE) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(encoded, start, Math.min(start + LINE, encoded.length()));
            }
        }
        return text.toString();
    }

    /** The characters of a string as bytes, without copying it; anything beyond Latin-1 becomes a skipped space. */
    private static final class TextStream extends InputStream {
        private final String text;
        private int next;

        TextStream(String text) {
            this.text = text;
        }

        @Override
        public int read() {
            if (next >= text.length()) {
                return -1;
            }
            char c = text.charAt(next++);
            return c < 0x100 ? c : ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (next >= text.length()) {
                return -1;
            }
            int count = Math.min(length, text.length() - next);
            for (int i = 0; i < count; i++) {
                char c = text.charAt(next++);
                buffer[offset + i] = (byte) (c < 0x100 ? c : ' ');
            }
            return count;
        }
    }
}
