package cz.edeposit.amqp.downloader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A URL longer than 8 KiB is refused before it is parsed, and the error text stays short. */
class UrlLengthLimitTest {

    private static final String BASE = "http://example.org/";

    @Test
    void acceptsAUrlOfExactly8192Characters() {
        String url = BASE + "a".repeat(8192 - BASE.length());
        assertEquals(url, UrlPolicy.check(url).toString());
    }

    @Test
    void refusesALongerUrlAsInvalidUrlNamingItsLength() {
        String url = BASE + "a".repeat(8193 - BASE.length());
        String message = assertThrows(InvalidURL.class, () -> UrlPolicy.check(url)).getMessage();
        assertTrue(message.endsWith(": 8193 characters, longer than the 8192 the downloader accepts"), message);
        assertTrue(message.length() < 500, message);
    }
}
