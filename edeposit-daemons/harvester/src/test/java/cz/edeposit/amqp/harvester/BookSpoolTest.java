package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.harvester.HarvesterMessages.Author;
import cz.edeposit.amqp.harvester.HarvesterMessages.Optionals;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publication;
import cz.edeposit.amqp.harvester.HarvesterMessages.Publications;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BookSpoolTest {

    private static final Publication MATKA = new Publication("Matka", "349.00 CZK", "Aventinum",
            List.of(new Author("Karel Čapek", null)), new Optionals("Drama", "BC", "1938", "Praha", "9788072031504",
            "<p>\"Hra\" o třech dějstvích</p>", "120", null, "cze", "1", "https://example.cz/matka", "paperback", false));
    private static final Publication BILA = new Publication("Bílá nemoc", "", "Aventinum", List.of(), null);

    @Test
    void putsTheMessageTogetherExactlyAsTheCodecEncodesIt() throws Exception {
        NtCodec codec = new NtCodec(HarvesterMessages.PUBLISHED);
        try (BookSpool spool = new BookSpool()) {
            spool.add(MATKA);
            spool.add(BILA);
            spool.add(MATKA);
            List<BookSpool.Entry> firstTwo = spool.entries().subList(0, 2);
            byte[] expected = codec.encode(new Publications(List.of(MATKA, BILA)));
            assertArrayEquals(expected, spool.message(firstTwo), new String(expected, StandardCharsets.UTF_8));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            spool.writeMessage(firstTwo, printed);
            assertArrayEquals(expected, printed.toByteArray());
            assertArrayEquals(codec.encode(new Publications(List.of(MATKA))), spool.message(spool.entries().subList(2, 3)));
            assertEquals(expected.length, spool.size(firstTwo));
        }
    }

    @Test
    void keepsOnlyWhatTheKeysAndTheAlephFilterReadInMemory() throws Exception {
        Publication light = BookSpool.light(MATKA);
        assertEquals(HarvesterKeys.key(MATKA), HarvesterKeys.key(light));
        assertEquals("9788072031504", light.optionals().isbn());
        assertNull(light.optionals().description());
        assertEquals(MATKA.authors(), light.authors());
        assertNull(BookSpool.light(BILA).optionals());
    }

    @Test
    void forgetsTheBooksOfASourceThatFailed() throws Exception {
        try (BookSpool spool = new BookSpool()) {
            spool.add(MATKA);
            spool.add(BILA);
            spool.truncate(1);
            assertEquals(1, spool.size());
            assertEquals("Matka", spool.entries().get(0).book().title());
        }
    }
}
