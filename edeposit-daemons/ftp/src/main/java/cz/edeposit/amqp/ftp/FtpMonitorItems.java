package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.codec.Base64Source;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.EbookUpload;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.MetadataFile;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.PairUpload;
import cz.edeposit.amqp.ftp.FtpMonitorPairing.Planned;
import cz.edeposit.amqp.marc.EPublication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Turns the planned items of an import into the messages' items: reads and checks the metadata, gives the e-books
 * to the encoder as streams (base64 is written from the file into the body), and sorts the files into the sent ones and the bad ones. A pair whose metadata is bad sends its
 * e-book alone; a bad metadata file alone sends nothing; an item larger than a message stays on disk.
 */
final class FtpMonitorItems {

    /**
     * The items of an import with their sizes, and what became of the files.
     *
     * @param items  the items to send, each with the estimate of its size in a message body
     * @param sent   the files in {@code items}
     * @param bad    the files that are not sent because they are wrong (kept when {@code LEAVE_BAD_FILES})
     * @param kept   the files that are not sent and stay whatever the switches (too large for a message)
     * @param errors lines for the user's error log
     */
    record Built(List<Sized> items, List<String> sent, List<String> bad, List<String> kept, List<String> errors) {
    }

    /**
     * An item and the bytes it takes in a message body (an estimate from above). The e-book is read only while its
     * message is encoded ({@link #upload}), straight into the body: one message's body is in memory at a time.
     *
     * @param metadata the metadata file, read and checked, or null
     * @param ebook      the e-book's path relative to the home, or null
     * @param ebookBytes the e-book's size when the import began (the home settled and locked), or 0
     * @param bytes      the estimate
     */
    record Sized(MetadataFile metadata, String ebook, long ebookBytes, long bytes) {

        /**
         * The item to encode, its e-book's data streamed from the file at encoding ({@link FileData}); the file must
         * still be a regular file (a link put in its place is refused).
         */
        Record upload(FtpMonitorHome home) throws IOException {
            if (ebook == null) {
                return metadata;
            }
            EbookUpload file = new EbookUpload(ebook, FileData.of(home.resolve(ebook), ebookBytes));
            return metadata == null ? file : new PairUpload(metadata, file);
        }

        /** Its files, relative to the home. */
        List<String> files() {
            List<String> files = new ArrayList<>();
            if (metadata != null) {
                files.add(metadata.filename());
            }
            if (ebook != null) {
                files.add(ebook);
            }
            return files;
        }

        /** What the import log says of it. */
        String describe() {
            return metadata != null && ebook != null ? "Pair: " + metadata.filename() + " + " + ebook
                    : metadata != null ? "Metadata: " + metadata.filename() : "E-book: " + ebook;
        }
    }

    /** Beyond the base64 data and the names: the field names and the metadata's fields. */
    private static final long OVERHEAD = 1024;

    private FtpMonitorItems() {
    }

    static Built build(FtpMonitorHome home, List<Planned> planned, long maxMetadataBytes, long maxMessageBytes) {
        List<Sized> items = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Planned plan : planned) {
            long bytes = OVERHEAD;
            List<String> files = new ArrayList<>();
            for (String file : new String[] {plan.metadata(), plan.ebook()}) {
                if (file != null) {
                    files.add(file);
                    bytes += estimate(home, file);
                }
            }
            if (bytes > maxMessageBytes - OVERHEAD) {
                kept.addAll(files);
                errors.add(String.join(" + ", files) + ": too large for one message (" + maxMessageBytes
                        + " bytes at most); left in place");
                continue;
            }
            try {
                MetadataFile metadata = null;
                if (plan.metadata() != null) {
                    metadata = metadata(home, plan.metadata(), maxMetadataBytes, errors);
                    if (metadata == null) {
                        bad.add(plan.metadata());
                    }
                }
                String ebook = plan.ebook();
                long ebookBytes = 0;
                if (ebook != null) {
                    ebookBytes = FileData.of(home.resolve(ebook), -1).length();
                    if (!Files.isReadable(home.resolve(ebook))) {
                        throw new IOException("not readable");
                    }
                }
                if (metadata == null && ebook == null) {
                    continue;
                }
                items.add(new Sized(metadata, ebook, ebookBytes, bytes));
                if (metadata != null) {
                    sent.add(plan.metadata());
                }
                if (ebook != null) {
                    sent.add(ebook);
                }
            } catch (IOException unreadable) {
                kept.addAll(files);
                errors.add(String.join(" + ", files) + ": cannot be read (" + unreadable.getMessage() + "); left in place");
            }
        }
        return new Built(items, sent, bad, kept, errors);
    }

    /** The metadata file with its publication, or null (and an error line) when it is bad. */
    private static MetadataFile metadata(FtpMonitorHome home, String file, long maxBytes, List<String> errors)
            throws IOException {
        Path path = home.resolve(file);
        long size = Files.size(path);
        if (size > maxBytes) {
            errors.add(file + ": the metadata file has " + size + " bytes, more than " + maxBytes);
            return null;
        }
        byte[] data = read(path, (int) size);
        try {
            EPublication publication = FtpMonitorFields.publication(FtpMonitorMetadataParser.parse(file, data));
            return new MetadataFile(file, Base64.getEncoder().encodeToString(data), publication);
        } catch (FtpMonitorMetadataParser.BadMetadata wrong) {
            errors.add(file + ": " + wrong.getMessage());
            return null;
        }
    }

    private static long estimate(FtpMonitorHome home, String file) {
        try {
            long size = Files.size(home.resolve(file));
            // base64, the name escaped at worst as \\uXXXX, and for metadata its fields in the publication too.
            return (size + 2) / 3 * 4 + file.length() * 6L + (FtpMonitorPairing.isMetadata(file) ? size * 6 : 0);
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * A file's data for the encoder, read a buffer at a time and never following a link. A file whose size is no
     * longer the one the import began with is refused, so that no file is ever sent half (or with bytes added).
     *
     * @param file   the file
     * @param length its size when the import began
     */
    record FileData(Path file, long length) implements Base64Source {

        /** The data of a regular file, not a link, of {@code expected} bytes ({@code -1}: any size). */
        static FileData of(Path file, long expected) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new IOException("it is no longer a regular file");
            }
            return new FileData(file, checked(attributes.size(), expected));
        }

        private static long checked(long size, long expected) throws IOException {
            if (expected >= 0 && size != expected) {
                throw new IOException("it has " + size + " bytes now, " + expected + " when the import began");
            }
            return size;
        }

        @Override
        public InputStream open() throws IOException {
            SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
            try {
                checked(channel.size(), length);
            } catch (IOException changed) {
                channel.close();
                throw changed;
            }
            return Channels.newInputStream(channel);
        }
    }

    private static byte[] read(Path file, int size) throws IOException {
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
            byte[] data = in.readNBytes(size + 1);
            if (data.length != size) {
                throw new IOException("it changed while it was read");
            }
            return data;
        }
    }
}
