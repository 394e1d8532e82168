package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publications;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The harvester's records carry the Python field names and decode back as {@code Publications}. */
class HarvesterMessagesTest {

    private final NtCodec codec = new NtCodec(HarvesterMessages.PUBLISHED);

    private static final Publication BOOK = new Publication("Krakatit", "349.00 CZK", "Argo",
            List.of(new Author("Karel Čapek", null)),
            new Optionals("Román", null, "2024-05-01", "Praha", "9788025712345", "<p>Výbuch</p>", "320", null,
                    "cze", "3", "https://argo.example/krakatit", "vázaná", false));

    @Test
    void encodesWithTheOriginalsFieldNamesAndNestedNtNames() throws Exception {
        String json = codec.encodeToString(new Publications(List.of(BOOK)));
        ObjectMapper mapper = new ObjectMapper();
        var tree = mapper.readTree(json);
        assertEquals("Publications", tree.get("__nt_name").asText());
        var book = tree.get("publications").get(0);
        assertEquals("Publication", book.get("__nt_name").asText());
        assertEquals("Karel Čapek", book.get("authors").get(0).get("name").asText());
        assertEquals("Author", book.get("authors").get(0).get("__nt_name").asText());
        var optionals = book.get("optionals");
        assertEquals("Optionals", optionals.get("__nt_name").asText());
        assertEquals(List.of("sub_title", "format", "pub_date", "pub_place", "ISBN", "description", "pages", "EAN",
                "language", "edition", "URL", "binding", "is_ebook", "__nt_name").stream().sorted().toList(),
                iterable(optionals.fieldNames()).stream().sorted().toList());
        assertEquals("9788025712345", optionals.get("ISBN").asText());
        assertEquals(false, optionals.get("is_ebook").asBoolean(true));
    }

    @Test
    void decodesWhatItEncodes() {
        Publications sent = new Publications(List.of(BOOK,
                new Publication("Bez detailů", "", "Host", List.of(), Optionals.NONE.orNull())));
        byte[] body = codec.encodeToString(sent).getBytes(StandardCharsets.UTF_8);
        assertEquals(sent, codec.decode(body));
    }

    @Test
    void optionalsWithNothingKnownAreNullAsTheOriginalSentThem() {
        assertNull(Optionals.NONE.orNull());
        assertEquals(BOOK.optionals(), BOOK.optionals().orNull());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
