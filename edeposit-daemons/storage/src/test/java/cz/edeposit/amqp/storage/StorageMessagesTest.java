package cz.edeposit.amqp.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.storage.StorageMessages.Archive;
import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchRequest;
import cz.edeposit.amqp.storage.StorageMessages.SearchResult;
import cz.edeposit.amqp.storage.StorageMessages.Tree;
import cz.edeposit.amqp.storage.StorageMessages.TreeInfo;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The storage's structures have the field names of the Python peers, and only requests and their records decode. */
class StorageMessagesTest {

    private final NtCodec codec = new NtCodec(StorageMessages.REQUESTS);

    private Object decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesASaveRequestOfAPublicationWithOnlySomeFields() {
        Object request = decode("{\"__nt_name\": \"SaveRequest\", \"record\": {\"__nt_name\": \"Publication\","
                + " \"title\": \"Kniha\", \"uuid\": \"u-1\", \"is_public\": true, \"b64_data\": \"AAE=\","
                + " \"pub_year\": \"2014\", \"aleph_id\": \"000001\", \"producent_id\": \"p\", \"is_periodical\": false}}");
        Publication expected = new Publication("Kniha", null, "2014", null, null, "u-1", "000001", "p", true, null,
                false, null, "AAE=", null, null);
        assertEquals(new SaveRequest(expected), request);
    }

    @Test
    void decodesArchivesAndTreesWithTheirDefaults() {
        assertEquals(new SaveRequest(new Archive("80-1", null, null, "UEs=", null)),
                decode("{\"__nt_name\": \"SaveRequest\", \"record\": {\"__nt_name\": \"Archive\", \"isbn\": \"80-1\","
                        + " \"b64_data\": \"UEs=\"}}"));
        Tree child = new Tree("2014", List.of(), List.of("u-1"), null, null, false, List.of());
        assertEquals(new SaveRequest(new Tree("Noviny", List.of(child), List.of(), "a1", "1234-5678", true,
                        List.of("Noviny"))),
                decode("{\"__nt_name\": \"SaveRequest\", \"record\": {\"__nt_name\": \"Tree\", \"name\": \"Noviny\","
                        + " \"sub_trees\": [{\"__nt_name\": \"Tree\", \"name\": \"2014\", \"sub_publications\": [\"u-1\"]}],"
                        + " \"sub_publications\": [], \"aleph_id\": \"a1\", \"issn\": \"1234-5678\", \"is_public\": true,"
                        + " \"path_array\": [\"Noviny\"]}}"));
    }

    @Test
    void acceptsPlonesPubAsTheQueryAndDefaultsToAFullSearch() {
        Publication query = new Publication(null, null, null, "80-1", null, null, null, null, null, null, null, null,
                null, null, null);
        assertEquals(new SearchRequest(null, false, query), decode("{\"__nt_name\": \"SearchRequest\", \"pub\":"
                + " {\"__nt_name\": \"Publication\", \"isbn\": \"80-1\"}}"));
        assertEquals(new SearchRequest(query, true, null), decode("{\"__nt_name\": \"SearchRequest\", \"query\":"
                + " {\"__nt_name\": \"Publication\", \"isbn\": \"80-1\"}, \"light_request\": true}"));
    }

    @Test
    void refusesRepliesForeignNamesAndUnknownFields() {
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"SearchResult\", \"records\": []}"));
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"TreeInfo\", \"path\": \"a\", \"url_by_path\": \"x\","
                + " \"url_by_issn\": null}"));
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"Publication\", \"name\": \"x\"}"));
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"SaveRequest\", \"record\": \"text\"}"));
    }

    @Test
    void encodesRepliesWithThePythonFieldNames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"__nt_name\": \"TreeInfo\", \"path\": \"N/2014\", \"url_by_path\": \"http://h/p\","
                + " \"url_by_issn\": null}"), json.readTree(codec.encodeToString(new TreeInfo("N/2014", "http://h/p", null))));
        String result = codec.encodeToString(new SearchResult(List.of(new Archive("1", "u", null, null, "/a/b"))));
        assertEquals(json.readTree("{\"__nt_name\": \"SearchResult\", \"records\": [{\"__nt_name\": \"Archive\","
                + " \"isbn\": \"1\", \"uuid\": \"u\", \"aleph_id\": null, \"b64_data\": null, \"dir_pointer\": \"/a/b\"}]}"),
                json.readTree(result));
    }
}
