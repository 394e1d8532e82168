package cz.edeposit.amqp.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The content-addressed store of files and unpacked archives, behind one small interface so that
 * another store (an object store) can replace the local filesystem (docs/storage.md, "Scaling").
 *
 * <p>Content is first staged (written in full, hashed and synced to disk under a temporary name),
 * then placed under its final name {@code <sha256>_<size hex>} by an atomic rename; a name that
 * already exists is reused. Nothing half-written ever carries a final name.
 */
interface FileStore {

    /** The three roots: public files, private files, unpacked archives. */
    enum Area { PUBLIC, PRIVATE, ARCHIVE }

    /** Content written and synced under a temporary name, not yet placed. */
    record Staged(Area area, Path temp, String key, long size) {
    }

    /**
     * Writes {@code content} to a temporary file of {@code area} while hashing it, at most
     * {@code maxBytes} bytes (more is an {@link java.io.IOException}), and syncs it.
     */
    Staged stage(Area area, InputStream content, long maxBytes) throws IOException;

    /** Stages a copy of a placed file, for a record that moves between public and private. */
    Staged copy(Area from, String key, Area to) throws IOException;

    /** Gives staged content its final name (or drops it when that name exists) and returns the final path. */
    Path place(Staged staged) throws IOException;

    /** Gives a staged directory (an unpacked archive) the final name {@code key}; returns the final path. */
    Path placeDirectory(Area area, String key, Path tempDir) throws IOException;

    /** A new empty temporary directory in {@code area}'s incoming directory. */
    Path tempDirectory(Area area) throws IOException;

    /** Removes staged content that will not be placed; never fails. */
    void discard(Staged staged);

    /** Where content {@code key} of {@code area} is (or would be) placed. */
    Path path(Area area, String key);

    /** Removes placed content (a file or a directory tree); missing content is not an error. */
    void delete(Area area, String key) throws IOException;

    /**
     * Gives placed content a fresh modification time, so that the sweep ({@link OrphanSweeper}) waits
     * its grace period again before it may delete it; missing content is not an error.
     */
    void touch(Area area, String key) throws IOException;

    /** When placed content was last written (or touched), or null when it is missing. */
    java.time.Instant modified(Area area, String key) throws IOException;

    /** Empties every incoming directory: what a crash left there was never placed. */
    void clearIncoming() throws IOException;

    /** Placed content of {@code area} (any order), with when it was last written; close the stream. */
    java.util.stream.Stream<Placed> placed(Area area) throws IOException;

    /** A content key found in the store and when it was last written. */
    record Placed(String key, java.time.Instant modified) {
    }
}
