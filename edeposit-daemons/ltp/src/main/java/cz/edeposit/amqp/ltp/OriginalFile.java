package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.wire.ValueError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Decodes {@code b64_data} into the package's file as a stream: 64 KiB at a time, so the daemon never
 * holds a second copy of the file, with its MD5 computed on the way and its size limited while decoding.
 */
final class OriginalFile {

    private static final int CHUNK = 64 * 1024;

    private OriginalFile() {
    }

    /**
     * Writes the decoded {@code b64Data} to the new file {@code file}, synced; returns its MD5 in hex.
     *
     * @throws ValueError when the text is not base64, is empty, or decodes to more than {@code maxBytes}
     * @throws IOException when the file cannot be written
     */
    static String decode(String b64Data, Path file, long maxBytes) throws IOException {
        if (b64Data == null || b64Data.isBlank()) {
            throw new ValueError("b64_data is empty: send the file's content in base64");
        }
        // Four characters carry three bytes: a text that long cannot fit, whatever its line breaks.
        if (b64Data.length() / 4 * 3L > maxBytes + maxBytes / 38 + 3) {
            throw tooLarge(maxBytes);
        }
        MessageDigest md5 = md5();
        byte[] buffer = new byte[CHUNK];
        long size = 0;
        try (InputStream in = Base64.getDecoder().wrap(new Base64Text(b64Data));
             FileChannel out = PackageFiles.create(file)) {
            while (true) {
                int n = read(in, buffer);
                if (n < 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                md5.update(buffer, 0, n);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            if (size == 0) {
                throw new ValueError("b64_data decodes to no bytes: send the file's content in base64");
            }
            out.force(true);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    // Reading a string cannot fail: every exception of the decoder's stream is a text that is not base64.
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException | IllegalArgumentException e) {
            throw new ValueError("b64_data is not base64: " + e.getMessage(), e);
        }
    }

    private static ValueError tooLarge(long maxBytes) {
        return new ValueError("b64_data decodes to more than LTP_MAX_FILE_BYTES (" + maxBytes + " bytes): the"
                + " file is too large for this daemon");
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }
}
