package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.FileStore.Staged;
import cz.edeposit.amqp.testing.Await;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep of files no record uses, on H2 and on PostgreSQL. */
class OrphanSweeperTest {

    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private static Staged stage(StorageFixture f, Area area, String content) throws Exception {
        return f.files.stage(area, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
    }

    private static OrphanSweeper sweeper(StorageFixture f) {
        return new OrphanSweeper(f.files, f.references, GRACE, Clock.systemUTC(), () -> { });
    }

    /** A sweep as it runs once the grace period has passed: what was released now is old enough to go. */
    static OrphanSweeper afterGrace(FileStore files, ContentReferences references) {
        return new OrphanSweeper(files, references, GRACE, Clock.offset(Clock.systemUTC(), GRACE.plusMinutes(1)),
                () -> { });
    }

    /** Places content as a crash between the rename and the commit leaves it: a final name, no record. */
    private static Path orphan(StorageFixture f, Area area, String content, Duration age) throws Exception {
        Path placed = f.files.place(stage(f, area, content));
        Files.setLastModifiedTime(placed, FileTime.from(Instant.now().minus(age)));
        return placed;
    }

    private static void age(Path path) throws Exception {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletesOnlyUnusedContentOlderThanTheGracePeriod(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            PublicationStore.Stored kept = f.publications.save(PublicationStoreTest.publication("u-1", "Kniha", true),
                    stage(f, Area.PUBLIC, "used"));
            Path used = f.files.path(Area.PUBLIC, kept.key());
            age(used);
            Path old = orphan(f, Area.PUBLIC, "orphan", Duration.ofHours(2));
            Path young = orphan(f, Area.PRIVATE, "young orphan", Duration.ofMinutes(5));
            Path oldPrivate = orphan(f, Area.PRIVATE, "old private orphan", Duration.ofHours(2));
            // the same bytes as the used public file, but in the private area: no private record uses them
            Path usedElsewhere = orphan(f, Area.PRIVATE, "used", Duration.ofHours(2));
            Path archive = f.files.placeDirectory(Area.ARCHIVE, "ab".repeat(32) + "_10",
                    Files.createDirectories(f.files.tempDirectory(Area.ARCHIVE).resolve("x")).getParent());
            age(archive);

            OrphanSweeper.Result result = sweeper(f).sweep();

            assertTrue(Files.exists(used), "a file a record uses is kept");
            assertTrue(Files.exists(young), "an orphan younger than the grace period is kept");
            assertFalse(Files.exists(old));
            assertFalse(Files.exists(oldPrivate));
            assertFalse(Files.exists(usedElsewhere), "a record of the other area does not keep it");
            assertFalse(Files.exists(archive), "an archive directory no archive record uses is deleted");
            assertEquals(new OrphanSweeper.Result(5, 4), result);
            assertEquals(new OrphanSweeper.Result(1, 0), sweeper(f).sweep(), "a second sweep finds nothing more");
            // the content can come again: a new save places it anew
            PublicationStore.Stored again = f.publications.save(PublicationStoreTest.publication("u-2", "Znovu", true),
                    stage(f, Area.PUBLIC, "orphan"));
            assertEquals("orphan", Files.readString(f.files.path(Area.PUBLIC, again.key())));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void neverDeletesAFileASaveIsAboutToCommit(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            f.publications.save(PublicationStoreTest.publication("u-0", "Jina", true), stage(f, Area.PUBLIC, "other"));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection save = f.database.connection()) {
                // a save between its rename and its commit: the content's row locked, the file placed, the row written
                Staged staged = stage(f, Area.PUBLIC, "in flight");
                ContentReferences.lock(save, Area.PUBLIC, staged.key());
                Path placed = f.files.place(staged);
                age(placed);
                try (PreparedStatement insert = save.prepareStatement(
                        "INSERT INTO publication (uuid, is_public, content_key, content_size) VALUES (?, TRUE, ?, ?)")) {
                    insert.setString(1, "u-1");
                    insert.setString(2, staged.key());
                    insert.setLong(3, staged.size());
                    insert.executeUpdate();
                }
                Future<OrphanSweeper.Result> sweep = pool.submit(() -> sweeper(f).sweep());
                Await.until("the sweep waits for the save's lock", Duration.ofSeconds(30), () -> blocked(f, db));
                save.commit();
                assertEquals(new OrphanSweeper.Result(1, 0), sweep.get());
                assertEquals("in flight", Files.readString(placed));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void contentReleasedAfterTheSweepLookedIsKept(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            Path old = orphan(f, Area.PUBLIC, "released meanwhile", Duration.ofHours(2));
            String key = old.getFileName().toString();
            Instant before = Instant.now().minus(GRACE);
            // a save released it (touching it before its commit) after the sweep listed it as old
            f.files.touch(Area.PUBLIC, key);
            assertFalse(f.references.deleteIfUnused(Area.PUBLIC, key, before));
            assertTrue(Files.exists(old), "its release may not be on disk yet: it waits another grace period");
            age(old);
            assertTrue(f.references.deleteIfUnused(Area.PUBLIC, key, before));
            assertFalse(Files.exists(old));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anEmptyIndexDeletesNothing(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            Path old = orphan(f, Area.PUBLIC, "orphan", Duration.ofHours(2));
            assertEquals(new OrphanSweeper.Result(0, 0), sweeper(f).sweep());
            assertTrue(Files.exists(old), "a new, empty database is more likely a wrong STORAGE_DB_URL");
        }
    }

    /**
     * Whether some session of the test's database waits for a lock; H2 shows no blocker for a wait on
     * a unique key another transaction inserted, so there the sweep's statement on the row is looked for.
     */
    private static boolean blocked(StorageFixture f, TestDatabase db) throws Exception {
        String sql = db == TestDatabase.H2
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                + " AND EXECUTING_STATEMENT LIKE '%stored_content%'"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()";
        try (Connection c = f.database.connection(); PreparedStatement select = c.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            boolean waiting = rows.getLong(1) > 0;
            c.rollback();
            return waiting;
        }
    }
}
