package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.ftp.FtpMonitorMessages.DataPair;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.EbookFile;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.Item;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.MetadataFile;
import cz.edeposit.amqp.ftp.FtpMonitorPairing.Planned;
import cz.edeposit.amqp.marc.EPublication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Turns the planned items of an import into the messages' items: reads and checks the metadata, encodes the files
 * in base64, and sorts the files into the sent ones and the bad ones. A pair whose metadata is bad sends its
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
     * An item and the bytes it takes in a message body (an estimate from above). The e-book is read only when its
     * message is made ({@link #load}), so that one message's data is in memory at a time, not the whole import's.
     *
     * @param metadata the metadata file, read and checked, or null
     * @param ebook    the e-book's path relative to the home, or null
     * @param bytes    the estimate
     */
    record Sized(MetadataFile metadata, String ebook, long bytes) {

        /** The item with the e-book's data. */
        Item load(FtpMonitorHome home) throws IOException {
            if (ebook == null) {
                return metadata;
            }
            EbookFile file = new EbookFile(ebook, base64(home.resolve(ebook)));
            return metadata == null ? file : new DataPair(metadata, file);
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
                if (ebook != null && !Files.isReadable(home.resolve(ebook))) {
                    throw new IOException("not readable");
                }
                if (metadata == null && ebook == null) {
                    continue;
                }
                items.add(new Sized(metadata, ebook, bytes));
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

    /** A file's base64, read without following a link (a file swapped for one is refused). */
    static String base64(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE / 2) {
            throw new IOException("too large");
        }
        return Base64.getEncoder().encodeToString(read(file, (int) size));
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
