package cz.edeposit.amqp.codec;

import static cz.edeposit.amqp.codec.Json.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import org.junit.jupiter.api.Test;

/** The parser reads the body's text with each long string replaced by its placeholder. */
class SplicedReaderTest {

    private static final String BODY = "[\"é\uD83D\uDE00\", \"abcdefghijkl\", {\"long key 1234\": \"x\"}, \"\\\"quoted\\\" 123\", "
            + "\"Příliš žluťoučký\"]";
    private static final String SPLICED = "[\"é\uD83D\uDE00\", \"P0\", {\"long key 1234\": \"x\"}, \"P1\", \"P2\"]";

    private static String readAll(Reader reader, int chunk) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[chunk + 2];
        int n;
        while ((n = reader.read(buffer, 1, chunk)) >= 0) {
            assertTrue(n > 0, "a reader must not return 0 characters");
            text.append(buffer, 1, n);
        }
        return text.toString();
    }

    @Test
    void replacesLongStringValuesButNotKeys() throws IOException {
        byte[] body = utf8(BODY);
        LongStrings longStrings = LongStrings.find(body, 10);
        assertEquals(3, longStrings.count());
        assertEquals(SPLICED, readAll(new SplicedReader(body, longStrings, "P"), 4000));
    }

    @Test
    void readsTheSameTextOneCharacterAtATime() throws IOException {
        byte[] body = utf8(BODY);
        assertEquals(SPLICED, readAll(new SplicedReader(body, LongStrings.find(body, 10), "P"), 1));
        assertEquals(BODY, readAll(new SplicedReader(body, LongStrings.find(body, Integer.MAX_VALUE), "P"), 1));
    }

    @Test
    void leavesStringThatNeverEndsToTheParser() {
        byte[] body = utf8("[\"abcdefghijklmnop\\\"]");
        assertEquals(0, LongStrings.find(body, 1).count());
    }

    @Test
    void failsOnBadUtf8RatherThanReplacingIt() {
        byte[] body = {'[', '"', (byte) 0xff, '"', ']'};
        Reader reader = new SplicedReader(body, LongStrings.find(body, Integer.MAX_VALUE), "P");
        assertThrows(MalformedInputException.class, () -> readAll(reader, 100));
    }
}
