package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publications;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's new books, kept on disk: each book's JSON is written to a temporary file as it is parsed, and only a
 * light copy (title, authors, ISBN, EAN: what the keys and the Aleph filter need) stays in memory. The message is
 * put together from the file at the end, so that a run of 10 000 books with long descriptions needs about the
 * message's size in heap, not the books' strings as well (docs/performance.md, "harvester: a large ONIX file").
 */
final class BookSpool implements AutoCloseable {

    /** A book in the spool: its light copy and where its JSON is. */
    record Entry(Publication book, long offset, int length) {
    }

    private static final NtCodec CODEC = new NtCodec(HarvesterMessages.PUBLISHED);
    private static final byte[] SEPARATOR = ", ".getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final RandomAccessFile data;
    private final List<Entry> entries = new ArrayList<>();
    private final byte[] prefix;
    private final byte[] suffix;

    BookSpool() throws IOException {
        file = Files.createTempFile("edeposit-harvester-books", ".json");
        data = new RandomAccessFile(file.toFile(), "rw");
        // The codec's own frame of a message, split around its empty list: the books go in between.
        String empty = CODEC.encodeToString(new Publications(List.of()));
        int list = empty.indexOf("[]");
        prefix = empty.substring(0, list + 1).getBytes(StandardCharsets.UTF_8);
        suffix = empty.substring(list + 1).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the book's JSON out and keeps its light copy. */
    Entry add(Publication book) throws IOException {
        byte[] json = CODEC.encode(book);
        long offset = data.length();
        data.seek(offset);
        data.write(json);
        Entry entry = new Entry(light(book), offset, json.length);
        entries.add(entry);
        return entry;
    }

    int size() {
        return entries.size();
    }

    /** Forgets the books added after the first {@code size} (those of a source that failed). */
    void truncate(int size) {
        entries.subList(size, entries.size()).clear();
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** What the keys ({@link HarvesterKeys}) and the Aleph filter read, and nothing else. */
    static Publication light(Publication book) {
        Optionals optionals = book.optionals();
        Optionals ids = optionals == null ? null : new Optionals(null, null, null, null, optionals.isbn(), null, null,
                optionals.ean(), null, null, null, null, false).orNull();
        return new Publication(book.title(), "", "", book.authors(), ids);
    }

    /** The size of the {@code Publications} message of {@code books}. */
    long size(List<Entry> books) {
        long size = prefix.length + suffix.length + (long) Math.max(0, books.size() - 1) * SEPARATOR.length;
        for (Entry entry : books) {
            size += entry.length();
        }
        return size;
    }

    /** The {@code Publications} message of {@code books}, as the codec would encode it, in one array. */
    byte[] message(List<Entry> books) throws IOException {
        long size = size(books);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("the message of " + books.size() + " books would be " + size + " bytes, too large");
        }
        byte[] message = new byte[(int) size];
        int at = 0;
        System.arraycopy(prefix, 0, message, at, prefix.length);
        at += prefix.length;
        for (int i = 0; i < books.size(); i++) {
            if (i > 0) {
                System.arraycopy(SEPARATOR, 0, message, at, SEPARATOR.length);
                at += SEPARATOR.length;
            }
            Entry entry = books.get(i);
            data.seek(entry.offset());
            data.readFully(message, at, entry.length());
            at += entry.length();
        }
        System.arraycopy(suffix, 0, message, at, suffix.length);
        return message;
    }

    /** Writes the message to {@code out} a book at a time (for {@code --dry-run}). */
    void writeMessage(List<Entry> books, OutputStream out) throws IOException {
        out.write(prefix);
        byte[] buffer = new byte[64 << 10];
        for (int i = 0; i < books.size(); i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            Entry entry = books.get(i);
            data.seek(entry.offset());
            for (int left = entry.length(); left > 0; ) {
                int n = Math.min(left, buffer.length);
                data.readFully(buffer, 0, n);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        out.write(suffix);
    }

    @Override
    public void close() throws IOException {
        try {
            data.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
