package cz.edeposit.amqp.alephlinkexport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Tells one {@code responses.xml} from every other: its inode, modification time, size and SHA-256.
 * The rename aside keeps the first two, so a file applied just before a crash is known again at the
 * restart, while a new file from Aleph with the same content is not mistaken for it. {@code equals}
 * and {@code hashCode} are written out for the reason {@link ExportRecord} gives.
 */
record ResponseMark(String fileKey, String modified, long size, String sha256) {

    static ResponseMark of(Path file, byte[] content) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return new ResponseMark(Objects.toString(attributes.fileKey(), ""), attributes.lastModifiedTime().toString(),
                    content.length, sha256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResponseMark that && Objects.equals(fileKey, that.fileKey) && Objects.equals(modified, that.modified)
                && size == that.size && Objects.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Objects.hashCode(fileKey) + Objects.hashCode(modified)) + Long.hashCode(size)) + Objects.hashCode(sha256);
    }
}
