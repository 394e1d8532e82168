package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.alephlinkexport.AlephLinkExportMessages.LinkUpdateResponse;
import cz.edeposit.amqp.settings.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreFileTest {

    /**
     * A store as the daemon wrote it with Jackson's data binding (every kind of field, null and
     * non-ASCII values included): the format every existing store file has.
     */
    static final String STORED = "{\"request_database\":{\"format\":\"edeposit-aleph-link-export/1\",\"pending\":["
            + "{\"session_id\":\"s1\",\"uuid\":\"a0f1\",\"doc_number\":\"000054231\",\"urls\":[{\"url\":\"http://s/a.epub\","
            + "\"format\":\"epub\"},{\"url\":\"https://s/\\\"č\\\"\\n\"}],\"urn_nbn\":\"urn:nbn:cz:edep-1\","
            + "\"kramerius_url\":\"http://k/uuid:a0f1\"},"
            + "{\"session_id\":\"s2\",\"uuid\":\"dd83\",\"doc_number\":\"2\",\"urls\":[{\"url\":\"http://s/b\"}]}],"
            + "\"results\":[{\"status\":\"OK\",\"session_id\":\"s0\",\"reason\":null},"
            + "{\"status\":\"ERROR\",\"session_id\":null,\"reason\":\"žádný \\u0001\"}],"
            + "\"handed_out\":{\"u1\":{\"at\":\"2026-03-01T10:00:00Z\",\"results\":[{\"status\":\"OK\",\"session_id\":\"s9\","
            + "\"reason\":null}]},\"u2\":{\"at\":\"2026-03-01T10:00:01.500Z\",\"results\":[]}},"
            + "\"last_response_file\":{\"fileKey\":\"(dev=803,ino=12)\",\"modified\":\"2026-03-01T09:59:00Z\",\"size\":123,"
            + "\"sha256\":\"ab01\"}}}";

    @TempDir
    Path dir;

    static PendingState state() {
        Map<String, ExportRecord> pending = new LinkedHashMap<>();
        pending.put("s1", new ExportRecord("s1", "a0f1", "000054231", List.of(new ExportRecord.Link("http://s/a.epub", "epub"),
                new ExportRecord.Link("https://s/\"č\"\n", null)), "urn:nbn:cz:edep-1", "http://k/uuid:a0f1"));
        pending.put("s2", new ExportRecord("s2", "dd83", "2", List.of(new ExportRecord.Link("http://s/b", null)), null, null));
        Map<String, PendingState.Handout> handedOut = new LinkedHashMap<>();
        handedOut.put("u1", new PendingState.Handout(Instant.parse("2026-03-01T10:00:00Z"),
                List.of(new LinkUpdateResponse("OK", "s9", null))));
        handedOut.put("u2", new PendingState.Handout(Instant.parse("2026-03-01T10:00:01.500Z"), List.of()));
        return new PendingState(pending, List.of(new LinkUpdateResponse("OK", "s0", null),
                new LinkUpdateResponse("ERROR", null, "žádný \u0001")), handedOut,
                new ResponseMark("(dev=803,ino=12)", "2026-03-01T09:59:00Z", 123, "ab01"));
    }

    private static String describe(PendingState state) {
        return state.pending + " " + state.undelivered + " " + state.handedOut + " " + state.lastResponse;
    }

    @Test
    void writesTheFormatOfEveryExistingStoreByteForByte() throws Exception {
        Path file = dir.resolve("db.json");
        try (StoreFile store = StoreFile.open(file, "request_database")) {
            store.write(state());
        }
        assertEquals(STORED, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void readsAStoreOfTheExistingFormatBackAsItWas() throws Exception {
        Path file = dir.resolve("db.json");
        // Another top-level key first, as a shared file might have: skipped.
        Files.writeString(file, "{\"other\":{\"pending\":[1,{\"a\":[]}]}," + STORED.substring(1), StandardCharsets.UTF_8);
        try (StoreFile store = StoreFile.open(file, "request_database")) {
            assertEquals(describe(state()), describe(store.read().orElseThrow()));
        }
    }

    @Test
    void anEmptyStoreWithoutTheLastResponseRoundTrips() throws Exception {
        Path file = dir.resolve("db.json");
        try (StoreFile store = StoreFile.open(file, "k")) {
            store.write(PendingState.empty());
            assertEquals("{\"k\":{\"format\":\"edeposit-aleph-link-export/1\",\"pending\":[],\"results\":[],\"handed_out\":{}}}",
                    Files.readString(file));
            assertEquals(describe(PendingState.empty()), describe(store.read().orElseThrow()));
        }
    }

    @Test
    void aMalformedOrPartialStoreIsNotOursAndNotReplaced() throws Exception {
        Path file = dir.resolve("db.json");
        for (String bad : List.of(
                STORED.substring(0, STORED.length() - 40), // cut short
                STORED.substring(0, STORED.length() - 1), // the last brace missing
                "",
                "[]",
                "{\"request_database\":{\"format\":\"edeposit-aleph-link-export/2\",\"pending\":[]}}",
                "{\"request_database\":{\"pending\":[]}}",
                "{\"request_database\":\"x\"}",
                STORED.replace("\"size\":123", "\"size\":\"many\""),
                STORED.replace("\"format\":\"epub\"", "\"format\":\"epub\",\"extra\":1"),
                STORED.replace("\"pending\":[", "\"unknown\":0,\"pending\":["),
                STORED.replace("\"urls\":[{\"url\":\"http://s/b\"}]", "\"urls\":[]"),
                STORED.replace("\"urls\":[{\"url\":\"http://s/b\"}]", "\"urls\":null"),
                STORED.replace("\"uuid\":\"dd83\",", ""),
                STORED.replace("\"session_id\":\"s2\",", ""),
                STORED.replace("\"doc_number\":\"2\",", ""),
                STORED.replace("{\"url\":\"http://s/b\"}", "{\"format\":\"pdf\"}"),
                STORED.replace("2026-03-01T10:00:00Z", "yesterday"),
                STORED.replace("\"at\":\"2026-03-01T10:00:00Z\",", ""),
                STORED.replace(",\"results\":[]}", "}"),
                STORED + "{}")) {
            Files.writeString(file, bad, StandardCharsets.UTF_8);
            try (StoreFile store = StoreFile.open(file, "request_database")) {
                ConfigException error = assertThrows(ConfigException.class, store::read, bad);
                assertTrue(error.getMessage().contains("is not a store of this daemon"), error.getMessage());
            }
            assertEquals(bad, Files.readString(file, StandardCharsets.UTF_8));
        }
    }
}
