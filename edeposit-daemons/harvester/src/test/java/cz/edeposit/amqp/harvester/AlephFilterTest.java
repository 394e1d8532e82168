package cz.edeposit.amqp.harvester;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.IsbnQuery;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.Query;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.SearchRequest;
import cz.edeposit.amqp.harvester.HarvesterAlephMessages.TitleQuery;
import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlephFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Publication book(String title, String isbn, String... authors) {
        List<Author> names = new ArrayList<>();
        for (String author : authors) {
            names.add(new Author(author, null));
        }
        Optionals optionals = isbn == null ? null : new Optionals(null, null, null, null, isbn, null, null, null, null,
                null, null, null, false);
        return new Publication(title, "", "P", names, optionals);
    }

    private static JsonNode record(String nazev, String firstName, String lastName) throws Exception {
        return JSON.readTree("{\"__nt_name\": \"EPublication\", \"nazev\": \"" + nazev + "\", \"autori\": [{\"__nt_name\":"
                + " \"Author\", \"firstName\": \"" + firstName + "\", \"lastName\": \"" + lastName + "\", \"title\": \"\"}]}");
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void comparesNamesAsTheOriginalDid() {
        assertEquals(List.of("putsalek", "franta", "ing"), AlephFilter.nameToVector("ing. Franta Putšálek"));
        assertEquals(100.0, AlephFilter.compareNames("Franta Putšálek", "ing. Franta Putšálek"));
        assertEquals(50.0, AlephFilter.compareNames("F. Putšálek", "ing. Franta Putšálek"));
        assertEquals(0.0, AlephFilter.compareNames("", "Matka"));
        assertEquals(100.0, AlephFilter.compareNames("Zahrady jižní Moravy", "ZAHRADY JIŽNÍ MORAVY!"));
    }

    @Test
    void asksByIsbnWhenTheBookHasOneElseByTitleAndLeavesTheBaseToTheAlephDaemon() {
        assertEquals(new IsbnQuery("978-80-7422-551-2", null), AlephFilter.query(book("Matka", "978-80-7422-551-2")));
        assertEquals(new TitleQuery("Matka", null), AlephFilter.query(book("Matka", null)));
        String wire = new NtCodec(HarvesterAlephMessages.REPLIES).encodeToString(
                new SearchRequest(new IsbnQuery("80-251-0225-4", null)));
        JsonNode tree = readTree(wire);
        assertEquals("SearchRequest", tree.path("__nt_name").asText(), wire);
        assertEquals("ISBNQuery", tree.path("query").path("__nt_name").asText(), wire);
        assertEquals("80-251-0225-4", tree.path("query").path("ISBN").asText(), wire);
        assertTrue(tree.path("query").path("base").isNull(), wire);
    }

    @Test
    void byIsbnARecordWithATitleEightyPerCentAlikeMatches() throws Exception {
        AlephFilter filter = new AlephFilter(query -> List.of(), true);
        Publication book = book("Zahrady jižní Moravy", "978-80-7422-551-2", "Nikdo Jiný");
        assertTrue(filter.matches(book, true, List.of(record("Zahrady jižní Moravy", "Jan", "Novák"))));
        assertFalse(filter.matches(book, true, List.of(record("Hory severních Čech", "Jan", "Novák"))));
        assertFalse(filter.matches(book, true, List.of()));
    }

    @Test
    void byTitleTheAuthorsMustMatchTooUnlessAlephFilterByAuthorIsOff() throws Exception {
        Publication book = book("Matka", null, "Karel Čapek");
        List<JsonNode> found = List.of(record("Matka", "Karel", "Čapek"));
        List<JsonNode> otherAuthor = List.of(record("Matka", "Jan", "Novák"));
        AlephFilter byAuthor = new AlephFilter(query -> found, true);
        assertTrue(byAuthor.matches(book, false, found));
        assertFalse(byAuthor.matches(book, false, otherAuthor));
        assertTrue(new AlephFilter(query -> otherAuthor, false).matches(book, false, otherAuthor));
    }

    @Test
    void aPeriodicalOrAMissingParsedInfoDoesNotMatchAnything() throws Exception {
        AlephFilter filter = new AlephFilter(query -> List.of(), true);
        JsonNode periodical = JSON.readTree("{\"__nt_name\": \"EPeriodical\", \"nazev\": \"Jiný\"}");
        assertFalse(filter.matches(book("Matka", "978-80-7422-551-2"), true, java.util.Arrays.asList(periodical, null)));
    }

    @Test
    void afterThreeFailedChecksInARowTheRestIsNotAskedAndNothingOfItIsKept() throws Exception {
        List<Query> asked = new ArrayList<>();
        AlephFilter filter = new AlephFilter(query -> {
            asked.add(query);
            if (query instanceof TitleQuery title && title.title().startsWith("down")) {
                throw new AlephFilter.AlephCheckFailed("time-out", null);
            }
            return List.of();
        }, true);
        AlephChecks checks = new AlephChecks(filter);
        List<Publication> inCatalogue = new ArrayList<>();
        List<Publication> kept = checks.newOnly(List.of(book("a", null), book("down 1", null), book("b", null),
                book("down 2", null), book("down 3", null), book("down 4", null), book("c", null)), inCatalogue);
        assertEquals(List.of("a", "b"), kept.stream().map(Publication::title).toList());
        assertEquals(6, asked.size(), "'c' is not asked about after three failures in a row");
        assertTrue(checks.failed());
        assertEquals(List.of(), inCatalogue);
    }
}
