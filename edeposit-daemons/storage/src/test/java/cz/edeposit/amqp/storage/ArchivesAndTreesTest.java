package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.StorageMessages.Archive;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchResult;
import cz.edeposit.amqp.storage.StorageMessages.Tree;
import cz.edeposit.amqp.storage.StorageMessages.TreeInfo;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archives (zip in, directory stored, zip out) and periodical trees through the handler. */
class ArchivesAndTreesTest {

    @TempDir
    Path dir;

    static String zip(Map<String, String> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static Map<String, String> unzip(String b64) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(b64)))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anArchiveIsUnpackedAndComesBackZippedWithRelativeNames(TestDatabase db) throws Exception {
        try (TestStorage t = TestStorage.open(db, dir)) {
            Map<String, String> content = Map.of("kniha.html", "<p>text</p>", "obrazky/1.png", "PNG");
            Archive saved = (Archive) t.handler.handle(new SaveRequest(new Archive("80-1", "a-1", null, zip(content),
                    "/ignored")), null);
            assertNull(saved.b64Data());
            Path unpacked = Path.of(saved.dirPointer());
            assertTrue(unpacked.startsWith(t.settings.archiveDir()), unpacked.toString());
            assertEquals("PNG", Files.readString(unpacked.resolve("obrazky/1.png")));
            SearchResult full = (SearchResult) t.handler.handle(new SearchRequest(new Archive("80-1", null, null,
                    null, null), false), null);
            assertEquals(content, unzip(((Archive) full.records().get(0)).b64Data()));
            t.handler.handle(new SaveRequest(new Archive("80-1", "a-1", null, zip(Map.of("b.txt", "B")), null)), null);
            assertTrue(Files.isDirectory(unpacked), "the first directory waits for the sweep");
            OrphanSweeperTest.afterGrace(t.storage.files, t.storage.references).sweep();
            assertTrue(Files.notExists(unpacked), "the first directory is used by no archive");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentSavesOfOneArchiveEndWithOneRecordAndOneDirectory(TestDatabase db) throws Exception {
        try (TestStorage t = TestStorage.open(db, dir)) {
            String data = zip(Map.of("a.txt", "A", "b/c.txt", "C"));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Callable<Object>> saves = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    saves.add(() -> t.handler.handle(new SaveRequest(new Archive("80-1", "a-1", null, data, null)), null));
                }
                for (java.util.concurrent.Future<Object> done : pool.invokeAll(saves)) {
                    done.get();
                }
            } finally {
                pool.shutdown();
            }
            SearchResult found = (SearchResult) t.handler.handle(new SearchRequest(new Archive(null, "a-1", null, null,
                    null), true), null);
            assertEquals(1, found.records().size());
            try (var dirs = Files.list(t.settings.archiveDir())) {
                assertEquals(2, dirs.count(), "one hash directory beside .incoming");
            }
            assertEquals(2, t.allFiles());
        }
    }

    @Test
    void unsafeOrOversizedOrFakeZipsAreValueErrorsThatWriteNothing() throws Exception {
        try (TestStorage t = TestStorage.open(TestDatabase.H2, dir, 8080, null, 1 << 20, 3, 100, null)) {
            for (String name : List.of("../up.txt", "/abs.txt", "a/../../up.txt", "C:/win.txt")) {
                ValueError e = assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(
                        new Archive("1", "a", null, zip(Map.of("ok.txt", "x", name, "y")), null)), null));
                assertTrue(e.getMessage().contains("unsafe"), e.getMessage());
            }
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(new Archive("1", "a", null,
                    zip(Map.of("1", "", "2", "", "3", "", "4", "")), null)), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(new Archive("1", "a", null,
                    zip(Map.of("big", "x".repeat(101))), null)), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(new Archive("1", "a", null,
                    Base64.getEncoder().encodeToString("not a zip".getBytes(StandardCharsets.UTF_8)), null)), null));
            assertThrows(UnindexableObject.class, () -> t.handler.handle(new SaveRequest(new Archive(null, null, null,
                    zip(Map.of("a", "b")), null)), null));
            assertEquals(0, t.allFiles());
            assertEquals(List.of(), ((SearchResult) t.handler.handle(new SearchRequest(new Archive("1", null, null,
                    null, null), true), null)).records());
        }
    }

    static Tree tree(String name, List<Tree> children, List<String> publications, String issn, List<String> path) {
        return new Tree(name, children, publications, null, issn, true, path);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTreeGivesItsUrlsAndASecondSaveAtItsPathReplacesIt(TestDatabase db) throws Exception {
        try (TestStorage t = TestStorage.open(db, dir)) {
            Tree first = tree("Noviny", List.of(tree("2014", List.of(), List.of("u-1"), null, List.of())), List.of(),
                    "1234-5678", List.of());
            assertEquals(new TreeInfo("Noviny", "http://127.0.0.1:8080/tree_by_path/Noviny",
                    "http://127.0.0.1:8080/tree_by_issn/1234-5678"), t.handler.handle(new SaveRequest(first), null));
            Tree second = tree("Noviny", List.of(tree("2015 č. 1", List.of(), List.of(), null, List.of())), List.of(),
                    null, List.of("Noviny"));
            assertEquals(new TreeInfo("Noviny", "http://127.0.0.1:8080/tree_by_path/Noviny", null),
                    t.handler.handle(new SaveRequest(second), null));
            TreeStore.Node node = t.storage.trees.byPath("Noviny").orElseThrow();
            assertEquals(List.of("Noviny/2015 č. 1"), node.children().stream().map(TreeStore.Node::path).toList());
            assertTrue(t.storage.trees.byPath("Noviny/2014").isEmpty());
            assertTrue(t.storage.trees.byIssn("1234-5678").isEmpty());
        }
    }

    @Test
    void blankOrSlashedTreeNamesAreValueErrors() throws Exception {
        try (TestStorage t = TestStorage.open(TestDatabase.H2, dir)) {
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(tree(" ", List.of(), List.of(), null,
                    List.of())), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(tree("N", List.of(tree("a/b",
                    List.of(), List.of(), null, List.of())), List.of(), null, List.of())), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(tree("N", List.of(), List.of(), null,
                    List.of("a/../b"))), null));
            assertTrue(t.storage.trees.byPath("N").isEmpty());
        }
    }
}
