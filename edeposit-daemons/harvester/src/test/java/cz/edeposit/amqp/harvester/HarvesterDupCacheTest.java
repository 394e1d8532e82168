package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The duplicate filter's keys and its file, which survives restarts and is never half-written. */
class HarvesterDupCacheTest {

    @TempDir
    Path dir;

    private static Publication book(String title, String isbn, String ean, String... authors) {
        Optionals optionals = new Optionals(null, null, null, null, isbn, null, null, ean, null, null, null, null, false);
        return new Publication(title, "", "P", List.of(authors).stream().map(a -> new Author(a, null)).toList(),
                optionals.orNull());
    }

    @Test
    void keysAnIsbn10ByItsIsbn13WithTheNewCheckDigit() {
        assertEquals("9788071851233", HarvesterKeys.key(book("Krakatit", "80-7185-123-X", null)));
        assertEquals("9788071851233", HarvesterKeys.key(book("Krakatit", "978-80-7185-123-3", null)));
        assertEquals(Optional.of("978807185123X"), HarvesterKeys.legacyKey(book("Krakatit", "80-7185-123-X", null)));
    }

    @Test
    void fallsBackToTheEanThenToTheNormalisedTitleAndAuthors() {
        assertEquals("8594050429831", HarvesterKeys.key(book("Kalendář", "not an isbn", "8594050429831")));
        assertEquals(HarvesterKeys.key(book("Válka s Mloky!", null, null, "Karel Čapek", "Josef Čapek")),
                HarvesterKeys.key(book("  VALKA s mloky ", null, null, "Josef Capek", "Karel Capek")));
        assertFalse(HarvesterKeys.key(book("Válka s Mloky", null, null, "Karel Čapek"))
                .equals(HarvesterKeys.key(book("Válka s Mloky", null, null, "Jiný Autor"))));
    }

    @Test
    void remembersAcrossReopeningAndCountsTheOriginalsKeys() throws Exception {
        Path file = dir.resolve("cache.json");
        HarvesterDupCache cache = HarvesterDupCache.open(file);
        Publication krakatit = book("Krakatit", "80-7185-123-X", null);
        assertFalse(cache.known(krakatit));
        cache.rememberAndSave(List.of(krakatit));
        assertTrue(HarvesterDupCache.open(file).known(book("Krakatit, 2. vydání", "9788071851233", null)));

        Files.writeString(file, "[\"978807185123X\"]");
        assertTrue(HarvesterDupCache.open(file).known(krakatit));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
