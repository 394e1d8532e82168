package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.FileStore.Staged;
import cz.edeposit.amqp.storage.StorageMessages.Archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Archives in the index and their unpacked directories under {@code ARCHIVE_DIR}, named by the
 * zip's content; the same identity rules as {@link PublicationStore}.
 */
final class ArchiveStore {

    /** A stored archive: its fields (no data or pointer) and the key of its directory, if any. */
    record Stored(long id, Archive record, String key) {
    }

    private final Transactions transactions;
    private final FileStore files;
    private final ContentReferences references;
    private final StorageSettings.ArchiveLimits limits;

    ArchiveStore(Transactions transactions, FileStore files, ContentReferences references,
                 StorageSettings.ArchiveLimits limits) {
        this.transactions = transactions;
        this.files = files;
        this.references = references;
        this.limits = limits;
    }

    /** The indexed fields of {@code a} by column name. */
    static Map<String, Object> values(Archive a) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("isbn", a.isbn());
        values.put("uuid", a.uuid());
        values.put("aleph_id", a.alephId());
        return values;
    }

    /**
     * Unpacks the staged zip (refusing an unsafe one before anything is written to the index) and
     * stores {@code a}; {@code zip} is null to keep the stored directory, and is discarded on return.
     */
    Stored save(Archive a, Staged zip) throws Exception {
        List<String> released = new ArrayList<>();
        Path unpacked = null;
        boolean saved = false;
        try {
            if (zip != null && !Files.isDirectory(files.path(Area.ARCHIVE, zip.key()))) {
                unpacked = files.tempDirectory(Area.ARCHIVE);
                ZipArchives.unpack(zip.temp(), unpacked, limits);
            }
            Path ready = unpacked;
            Stored stored = transactions.run(c -> saveIn(c, a, zip, ready, released));
            saved = true;
            return stored;
        } finally {
            if (zip != null) {
                files.discard(zip);
                if (!saved) {
                    released.add(zip.key());
                }
            }
            if (unpacked != null && Files.exists(unpacked)) {
                LocalFileStore.deleteTree(unpacked);
            }
            for (String key : released) {
                references.release(Area.ARCHIVE, key);
            }
        }
    }

    private Stored saveIn(Connection c, Archive a, Staged zip, Path unpacked, List<String> released) throws Exception {
        String key = null;
        if (zip != null) {
            key = zip.key();
            ContentReferences.lock(c, Area.ARCHIVE, key);
            if (!Files.isDirectory(files.path(Area.ARCHIVE, key))) {
                Path dir = unpacked != null && Files.isDirectory(unpacked) ? unpacked : files.tempDirectory(Area.ARCHIVE);
                if (dir != unpacked) {
                    ZipArchives.unpack(zip.temp(), dir, limits); // deleted meanwhile: unpack again under the lock
                }
                files.placeDirectory(Area.ARCHIVE, key, dir);
            }
        }
        Map<String, Object> values = values(a);
        if (a.uuid() == null) {
            String fingerprint = Columns.fingerprint(values, key);
            Optional<Stored> same = first(c, "fingerprint = ?", List.of(fingerprint), false);
            return same.isPresent() ? same.get() : insert(c, a, values, fingerprint, key);
        }
        Optional<Stored> existing = first(c, "uuid = ?", List.of(a.uuid()), true);
        if (existing.isEmpty()) {
            return insert(c, a, values, null, key);
        }
        Stored old = existing.get();
        boolean releases = key != null && old.key() != null && !old.key().equals(key);
        if (key == null) {
            key = old.key();
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE archive SET isbn = ?, uuid = ?, aleph_id = ?, content_key = ? WHERE id = ?")) {
            Columns.bind(update, 1, Arrays.asList(a.isbn(), a.uuid(), a.alephId(), key, old.id()));
            update.executeUpdate();
        }
        if (releases) {
            // touched just before the commit, so that a sweep running now keeps it (ContentReferences#deleteIfUnused)
            files.touch(Area.ARCHIVE, old.key());
            released.add(old.key());
        }
        return new Stored(old.id(), strip(a), key);
    }

    private static Stored insert(Connection c, Archive a, Map<String, Object> values, String fingerprint, String key)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO archive (isbn, uuid, aleph_id, fingerprint,"
                + " content_key) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            Columns.bind(insert, 1, Arrays.asList(a.isbn(), a.uuid(), a.alephId(), fingerprint, key));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Stored(keys.getLong(1), strip(a), key);
            }
        }
    }

    /** The archives matching every condition, in saving order, at most {@code limit}; none without conditions. */
    List<Stored> search(Map<String, Object> conditions, int limit) throws Exception {
        if (conditions.isEmpty()) {
            return List.of();
        }
        return transactions.run(c -> list(c, Columns.where(conditions) + " ORDER BY id",
                new ArrayList<>(conditions.values()), limit));
    }

    private static Optional<Stored> first(Connection c, String where, List<Object> values, boolean lock)
            throws SQLException {
        return list(c, where + (lock ? " FOR UPDATE" : ""), values, 1).stream().findFirst();
    }

    private static List<Stored> list(Connection c, String where, List<Object> values, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id, isbn, uuid, aleph_id, content_key FROM archive WHERE " + where)) {
            select.setMaxRows(limit);
            Columns.bind(select, 1, values);
            List<Stored> found = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    found.add(new Stored(r.getLong("id"), new Archive(r.getString("isbn"), r.getString("uuid"),
                            r.getString("aleph_id"), null, null), r.getString("content_key")));
                }
            }
            return found;
        }
    }

    private static Archive strip(Archive a) {
        return new Archive(a.isbn(), a.uuid(), a.alephId(), null, null);
    }
}
