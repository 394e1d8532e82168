package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchResult;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SaveRequest and SearchRequest of publications through the handler, on H2 and PostgreSQL. */
class StorageHandlerTest {

    @TempDir
    Path dir;

    static String b64(String text) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Publication pub(String uuid, String title, Boolean isPublic, String data) {
        return new Publication(title, "Autor", "2014", "80-7", "urn:nbn:cz:1", uuid, "000123", "p1", isPublic,
                "kniha.pdf", false, "/a", data, "http://client/ignored", "/client/ignored");
    }

    static Publication query(String isbn, String title) {
        return new Publication(title, null, null, isbn, null, null, null, null, null, null, null, null, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSavedPublicationComesBackWithoutDataWithItsUrlAndTheStoredFile(TestDatabase db) throws Exception {
        try (TestStorage t = TestStorage.open(db, dir)) {
            Publication reply = (Publication) t.handler.handle(new SaveRequest(pub("u-1", "Kniha", true, b64("obsah"))),
                    null);
            assertNull(reply.b64Data());
            assertEquals("http://127.0.0.1:8080/UUID/u-1", reply.url());
            Path file = Path.of(reply.filePointer());
            assertTrue(file.startsWith(t.settings.publicDir()), file.toString());
            assertEquals("obsah", Files.readString(file));
            assertEquals(pub("u-1", "Kniha", true, null).with(null, reply.url(), reply.filePointer()), reply);
            Publication noUuid = (Publication) t.handler.handle(new SaveRequest(pub(null, "Jiná", false, b64("x"))), null);
            assertNull(noUuid.url());
            assertTrue(Path.of(noUuid.filePointer()).startsWith(t.settings.privateDir()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void searchesExactlyLightOrFullAndFindsNothingWithAnEmptyQuery(TestDatabase db) throws Exception {
        try (TestStorage t = TestStorage.open(db, dir)) {
            t.handler.handle(new SaveRequest(pub("u-1", "Kniha", true, b64("jedna"))), null);
            t.handler.handle(new SaveRequest(pub("u-2", "Kniha", false, b64("dva"))), null);
            SearchResult full = (SearchResult) t.handler.handle(new SearchRequest(query("80-7", "Kniha"), false), null);
            assertEquals(List.of("jedna", "dva"), full.records().stream()
                    .map(r -> new String(Base64.getDecoder().decode(((Publication) r).b64Data()), StandardCharsets.UTF_8))
                    .toList());
            SearchResult light = (SearchResult) t.handler.handle(new SearchRequest(query(null, "Kniha"), true), null);
            assertEquals(2, light.records().size());
            assertNull(((Publication) light.records().get(0)).b64Data());
            assertEquals(List.of(), ((SearchResult) t.handler.handle(new SearchRequest(query("80-7", "kniha"), true),
                    null)).records());
            assertEquals(List.of(), ((SearchResult) t.handler.handle(new SearchRequest(query(null, null), false),
                    null)).records());
            Publication byPointer = new Publication(null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, ((Publication) light.records().get(1)).filePointer());
            assertEquals(List.of("u-2"), ((SearchResult) t.handler.handle(new SearchRequest(byPointer, true), null))
                    .records().stream().map(r -> ((Publication) r).uuid()).toList());
        }
    }

    @Test
    void plonesPubAliasSearchesAndATreeQueryIsAValueError() throws Exception {
        try (TestStorage t = TestStorage.open(TestDatabase.H2, dir)) {
            t.handler.handle(new SaveRequest(pub("u-1", "Kniha", true, b64("jedna"))), null);
            SearchResult found = (SearchResult) t.handler.handle(new SearchRequest(null, true, query("80-7", null)), null);
            assertEquals(1, found.records().size());
            StorageMessages.Tree tree = new StorageMessages.Tree("N", List.of(), List.of(), null, null, true, List.of());
            assertThrows(ValueError.class, () -> t.handler.handle(new SearchRequest(tree, true), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SearchRequest(null, true, null), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SearchRequest(query("80-7", null), true,
                    query("80-8", null)), null));
        }
    }

    @Test
    void aFullSearchOverTheReplyLimitIsAValueErrorNamingTheWayOut() throws Exception {
        try (TestStorage t = TestStorage.open(TestDatabase.H2, dir, 8080, null, 10, 10, 1000, null)) {
            t.handler.handle(new SaveRequest(pub("u-1", "Kniha", true, b64("more than ten bytes"))), null);
            ValueError e = assertThrows(ValueError.class,
                    () -> t.handler.handle(new SearchRequest(query("80-7", null), false), null));
            assertTrue(e.getMessage().contains("STORAGE_MAX_REPLY_BYTES") && e.getMessage().contains("light_request")
                    && e.getMessage().contains("url"), e.getMessage());
            assertEquals(1, ((SearchResult) t.handler.handle(new SearchRequest(query("80-7", null), true), null))
                    .records().size());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failedSavesWriteNothing(TestDatabase db) throws Exception {
        try (TestStorage t = TestStorage.open(db, dir)) {
            Publication empty = new Publication(null, null, null, null, null, null, null, null, null, null, null, null,
                    b64("data"), "http://x", "/y");
            assertThrows(UnindexableObject.class, () -> t.handler.handle(new SaveRequest(empty), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(pub("u", "T", true, "Zm9v!!")), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(pub("u", "x".repeat(601), true,
                    b64("d"))), null));
            assertThrows(ValueError.class, () -> t.handler.handle(new SaveRequest(null), null));
            assertEquals(0, t.allFiles());
            assertEquals(List.of(), ((SearchResult) t.handler.handle(new SearchRequest(query(null, "T"), true), null))
                    .records());
        }
    }

    @Test
    void everyRequestFailsWhileTheHnasIndicatorIsMissing() throws Exception {
        Path indicator = dir.resolve("mounted");
        try (TestStorage t = TestStorage.open(TestDatabase.H2, dir, 8080, indicator, 1 << 20, 10, 1000, null)) {
            assertThrows(HNASNotMountedException.class,
                    () -> t.handler.handle(new SaveRequest(pub("u-1", "K", true, b64("x"))), null));
            assertThrows(HNASNotMountedException.class, () -> t.handler.handle("not even a request", null));
            assertEquals(0, t.allFiles());
            Files.writeString(indicator, "");
            t.handler.handle(new SaveRequest(pub("u-1", "K", true, b64("x"))), null);
            assertEquals(1, t.allFiles());
        }
    }

    @Test
    void anUnknownRequestIsAValueError() throws Exception {
        try (TestStorage t = TestStorage.open(TestDatabase.H2, dir)) {
            assertThrows(ValueError.class, () -> t.handler.handle(new StorageMessages.TreeInfo("a", "b", "c"), null));
        }
    }
}
