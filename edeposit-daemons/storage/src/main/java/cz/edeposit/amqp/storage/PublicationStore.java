package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.FileStore.Staged;
import cz.edeposit.amqp.storage.StorageMessages.Publication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publications in the index and their files in the store: one record per uuid (a new save replaces
 * it), an identical record without uuid stored once, a file placed before the row that names it
 * commits, and a file no row names any more left to the sweep ({@link ContentReferences#release}).
 */
final class PublicationStore {

    /** A stored publication: its fields (no data, URL or pointer) and its content, if any. */
    record Stored(long id, Publication record, Area area, String key, long size) {
    }

    private static final String SELECT = "SELECT id, title, author, pub_year, isbn, urnnbn, uuid, aleph_id,"
            + " producent_id, is_public, filename, is_periodical, path, content_key, content_size FROM publication";

    private final Transactions transactions;
    private final FileStore files;
    private final ContentReferences references;

    PublicationStore(Transactions transactions, FileStore files, ContentReferences references) {
        this.transactions = transactions;
        this.files = files;
        this.references = references;
    }

    /** The area of a publication's file: public only when {@code is_public} is true. */
    static Area areaOf(Boolean isPublic) {
        return Boolean.TRUE.equals(isPublic) ? Area.PUBLIC : Area.PRIVATE;
    }

    /** The indexed fields of {@code p} by column name (which is the wire name). */
    static Map<String, Object> values(Publication p) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("title", p.title());
        values.put("author", p.author());
        values.put("pub_year", p.pubYear());
        values.put("isbn", p.isbn());
        values.put("urnnbn", p.urnnbn());
        values.put("uuid", p.uuid());
        values.put("aleph_id", p.alephId());
        values.put("producent_id", p.producentId());
        values.put("is_public", p.isPublic());
        values.put("filename", p.filename());
        values.put("is_periodical", p.isPeriodical());
        values.put("path", p.path());
        return values;
    }

    /**
     * Stores {@code p} with the content {@code staged} (null: keep the stored file, if any); the
     * caller has checked the fields. {@code staged} is placed or discarded when this returns.
     */
    Stored save(Publication p, Staged staged) throws Exception {
        Area area = areaOf(p.isPublic());
        if (staged != null && staged.area() != area) {
            files.discard(staged);
            throw new IllegalArgumentException("content staged in " + staged.area() + " for a record of " + area);
        }
        List<Object[]> released = new ArrayList<>();
        boolean saved = false;
        try {
            Stored stored = transactions.run(c -> saveIn(c, p, area, staged, released));
            saved = true;
            return stored;
        } finally {
            if (staged != null) {
                files.discard(staged);
                if (!saved) {
                    released.add(new Object[] {area, staged.key()});
                }
            }
            for (Object[] old : released) {
                references.release((Area) old[0], (String) old[1]);
            }
        }
    }

    private Stored saveIn(Connection c, Publication p, Area area, Staged staged, List<Object[]> released)
            throws Exception {
        String key = null;
        long size = 0;
        if (staged != null) {
            ContentReferences.lock(c, area, staged.key());
            files.place(staged);
            key = staged.key();
            size = staged.size();
        }
        Map<String, Object> values = values(p);
        if (p.uuid() == null) {
            String fingerprint = Columns.fingerprint(values, key);
            Optional<Stored> same = first(c, "fingerprint = ?", List.of(fingerprint), false);
            return same.isPresent() ? same.get() : insert(c, p, values, fingerprint, key, size, area);
        }
        Optional<Stored> existing = first(c, "uuid = ?", List.of(p.uuid()), true);
        if (existing.isEmpty()) {
            return insert(c, p, values, null, key, size, area);
        }
        Stored old = existing.get();
        if (key == null && old.key() != null) {
            key = old.key();
            size = old.size();
            if (old.area() != area) {
                ContentReferences.lock(c, area, key);
                files.place(files.copy(old.area(), key, area));
            }
        }
        boolean releases = old.key() != null && !(old.key().equals(key) && old.area() == area);
        try (PreparedStatement update = c.prepareStatement("UPDATE publication SET " + String.join(" = ?, ",
                values.keySet()) + " = ?, content_key = ?, content_size = ? WHERE id = ?")) {
            int next = Columns.bind(update, 1, values.values());
            Columns.bind(update, next, java.util.Arrays.asList(key, key == null ? null : size, old.id()));
            update.executeUpdate();
        }
        if (releases) {
            // touched just before the commit, so that a sweep running now keeps it (ContentReferences#deleteIfUnused)
            files.touch(old.area(), old.key());
            released.add(new Object[] {old.area(), old.key()});
        }
        return new Stored(old.id(), p.with(null, null, null), key == null ? null : area, key, size);
    }

    private static Stored insert(Connection c, Publication p, Map<String, Object> values, String fingerprint, String key, long size,
                                 Area area) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO publication (" + String.join(", ",
                values.keySet()) + ", fingerprint, content_key, content_size) VALUES (" + "?, ".repeat(values.size())
                + "?, ?, ?)", new String[] {"id"})) {
            int next = Columns.bind(insert, 1, values.values());
            Columns.bind(insert, next, java.util.Arrays.asList(fingerprint, key, key == null ? null : size));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Stored(keys.getLong(1), p.with(null, null, null), key == null ? null : area, key, size);
            }
        }
    }

    /**
     * The publications matching every condition (column to value), in saving order, at most
     * {@code limit}; no conditions find nothing, as in the original.
     */
    List<Stored> search(Map<String, Object> conditions, int limit) throws Exception {
        if (conditions.isEmpty()) {
            return List.of();
        }
        return transactions.run(c -> list(c, Columns.where(conditions), new ArrayList<>(conditions.values()), limit));
    }

    /** The publication saved under {@code uuid}, if any. */
    Optional<Stored> byUuid(String uuid) throws Exception {
        return transactions.run(c -> first(c, "uuid = ?", List.of(uuid), false));
    }

    /** The public publications with a file, in saving order, from {@code offset}. */
    List<Stored> publicPage(int offset, int limit) throws Exception {
        return transactions.run(c -> list(c, "is_public = TRUE AND content_key IS NOT NULL ORDER BY id OFFSET "
                + Math.max(0, offset) + " ROWS", List.of(), limit));
    }

    private static Optional<Stored> first(Connection c, String where, List<Object> values, boolean lock)
            throws SQLException {
        List<Stored> rows = list(c, where + (lock ? " FOR UPDATE" : ""), values, 1);
        return rows.stream().findFirst();
    }

    private static List<Stored> list(Connection c, String where, List<Object> values, int limit) throws SQLException {
        boolean ordered = where.contains("ORDER BY") || where.endsWith("FOR UPDATE");
        String sql = SELECT + " WHERE " + where + (ordered ? "" : " ORDER BY id");
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setMaxRows(limit);
            Columns.bind(select, 1, values);
            List<Stored> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(read(rows));
                }
            }
            return found;
        }
    }

    private static Stored read(ResultSet r) throws SQLException {
        Publication p = new Publication(r.getString("title"), r.getString("author"), r.getString("pub_year"),
                r.getString("isbn"), r.getString("urnnbn"), r.getString("uuid"), r.getString("aleph_id"),
                r.getString("producent_id"), (Boolean) r.getObject("is_public"), r.getString("filename"),
                (Boolean) r.getObject("is_periodical"), r.getString("path"), null, null, null);
        String key = r.getString("content_key");
        return new Stored(r.getLong("id"), p, key == null ? null : areaOf(p.isPublic()), key, r.getLong("content_size"));
    }
}
