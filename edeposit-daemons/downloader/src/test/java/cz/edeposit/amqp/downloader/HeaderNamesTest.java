package cz.edeposit.amqp.downloader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Header names come back spelled as servers usually send them. */
class HeaderNamesTest {

    @Test
    void capitalizesEachDashSeparatedWord() {
        assertEquals("Content-Length", HeaderNames.usual("content-length"));
        assertEquals("X-Mixed-Case", HeaderNames.usual("x-MIXED-case"));
        assertEquals("Server", HeaderNames.usual("server"));
    }

    @Test
    void knowsTheIrregularSpellings() {
        assertEquals("ETag", HeaderNames.usual("etag"));
        assertEquals("WWW-Authenticate", HeaderNames.usual("www-authenticate"));
    }
}
