package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.FileStore.Area;
import cz.edeposit.amqp.storage.FileStore.Staged;
import cz.edeposit.amqp.storage.StorageMessages.Publication;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index and the file store together, on H2 and on PostgreSQL. */
class PublicationStoreTest {

    @TempDir
    Path dir;

    static Publication publication(String uuid, String title, Boolean isPublic) {
        return new Publication(title, "Autor", "2014", "80-1", null, uuid, null, null, isPublic, "kniha.pdf", false,
                null, null, null, null);
    }

    private static Staged stage(StorageFixture f, Area area, String content) throws Exception {
        return f.files.stage(area, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSecondSaveOfAUuidReplacesTheRecordAndLeavesTheFileNoLongerUsedToTheSweep(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            PublicationStore.Stored first = f.publications.save(publication("u-1", "Prvni", true), stage(f, Area.PUBLIC, "one"));
            Path firstFile = f.files.path(Area.PUBLIC, first.key());
            assertEquals("one", Files.readString(firstFile));
            Files.setLastModifiedTime(firstFile, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
            PublicationStore.Stored second = f.publications.save(publication("u-1", "Druha", true), stage(f, Area.PUBLIC, "two"));
            assertEquals(first.id(), second.id());
            assertEquals(List.of("Druha"), f.publications.search(Map.of("uuid", "u-1"), 10).stream()
                    .map(s -> s.record().title()).toList());
            assertTrue(Files.exists(firstFile), "kept until the commit that released it is surely on disk");
            assertTrue(Files.getLastModifiedTime(firstFile).toInstant().isAfter(Instant.now().minus(Duration.ofHours(1))),
                    "released: a fresh modification time starts the grace period");
            assertEquals(0, new OrphanSweeper(f.files, f.references, Duration.ofHours(1), Clock.systemUTC(), () -> { })
                    .sweep().deleted(), "a sweep within the grace period keeps it");
            assertTrue(Files.exists(firstFile));
            assertEquals(1, OrphanSweeperTest.afterGrace(f.files, f.references).sweep().deleted());
            assertFalse(Files.exists(firstFile), "the first file is used by no record");
            assertEquals("two", Files.readString(f.files.path(Area.PUBLIC, second.key())));
            assertEquals(1, StorageFixture.placedFiles(f.publicDir));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSaveWithoutDataKeepsTheFileAndMovesItWhenTheRecordTurnsPrivate(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            PublicationStore.Stored saved = f.publications.save(publication("u-2", "A", true), stage(f, Area.PUBLIC, "data"));
            PublicationStore.Stored moved = f.publications.save(publication("u-2", "A", false), null);
            assertEquals(saved.key(), moved.key());
            assertEquals(Area.PRIVATE, moved.area());
            assertEquals("data", Files.readString(f.files.path(Area.PRIVATE, saved.key())));
            assertTrue(Files.exists(f.files.path(Area.PUBLIC, saved.key())), "the public copy waits for the sweep");
            OrphanSweeperTest.afterGrace(f.files, f.references).sweep();
            assertFalse(Files.exists(f.files.path(Area.PUBLIC, saved.key())));
            assertEquals("data", Files.readString(f.files.path(Area.PRIVATE, saved.key())));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sharedContentIsStoredOnceAndDeletedOnlyWithItsLastRecord(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            PublicationStore.Stored a = f.publications.save(publication("a", "A", true), stage(f, Area.PUBLIC, "same"));
            f.publications.save(publication("b", "B", true), stage(f, Area.PUBLIC, "same"));
            assertEquals(1, StorageFixture.placedFiles(f.publicDir));
            f.publications.save(publication("a", "A", true), stage(f, Area.PUBLIC, "other"));
            OrphanSweeperTest.afterGrace(f.files, f.references).sweep();
            assertTrue(Files.exists(f.files.path(Area.PUBLIC, a.key())), "record b still uses it");
            f.publications.save(publication("b", "B", true), stage(f, Area.PUBLIC, "other"));
            assertTrue(Files.exists(f.files.path(Area.PUBLIC, a.key())), "the sweep deletes it, not the save");
            OrphanSweeperTest.afterGrace(f.files, f.references).sweep();
            assertFalse(Files.exists(f.files.path(Area.PUBLIC, a.key())));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anIdenticalRecordWithoutUuidIsStoredOnce(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            PublicationStore.Stored first = f.publications.save(publication(null, "T", false), stage(f, Area.PRIVATE, "x"));
            PublicationStore.Stored again = f.publications.save(publication(null, "T", false), stage(f, Area.PRIVATE, "x"));
            PublicationStore.Stored other = f.publications.save(publication(null, "T", false), stage(f, Area.PRIVATE, "y"));
            assertEquals(first.id(), again.id());
            assertTrue(other.id() != first.id());
            assertEquals(2, f.publications.search(Map.of("title", "T"), 10).size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void searchIsExactCaseSensitiveAndAnded(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            f.publications.save(publication("1", "Kniha", true), null);
            f.publications.save(publication("2", "kniha", true), null);
            f.publications.save(publication("3", "Kniha", false), null);
            assertEquals(List.of("1", "3"), uuids(f.publications.search(Map.of("title", "Kniha"), 10)));
            assertEquals(List.of("3"), uuids(f.publications.search(Map.of("title", "Kniha", "is_public", false), 10)));
            assertEquals(List.of(), f.publications.search(Map.of(), 10));
            assertEquals(List.of(), f.publications.search(Map.of("title", "Knih"), 10));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentSavesOfOneUuidAndTheSameBytesEndWithOneRecordAndOneFile(TestDatabase db) throws Exception {
        try (StorageFixture f = new StorageFixture(db, dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Callable<PublicationStore.Stored>> saves = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String uuid = i % 2 == 0 ? "same" : "other-" + i;
                    saves.add(() -> f.publications.save(publication(uuid, "C", true), stage(f, Area.PUBLIC, "bytes")));
                }
                for (Future<PublicationStore.Stored> done : pool.invokeAll(saves)) {
                    done.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(1, f.publications.search(Map.of("uuid", "same"), 10).size());
            assertEquals(7, f.publications.search(Map.of("title", "C"), 100).size());
            assertEquals(1, StorageFixture.placedFiles(f.publicDir));
        }
    }

    private static List<String> uuids(List<PublicationStore.Stored> found) {
        return found.stream().map(s -> s.record().uuid()).toList();
    }
}
