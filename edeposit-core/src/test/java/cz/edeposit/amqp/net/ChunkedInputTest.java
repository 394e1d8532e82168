package cz.edeposit.amqp.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The framing of bodies: chunks (RFC 9112, 7.1) and a Content-Length, and what a broken framing gives. */
class ChunkedInputTest {

    private static InputStream wire(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesChunksIgnoringExtensionsAndTrailersAndLeavesWhatFollows() throws Exception {
        InputStream in = wire("4;name=value\r\nWiki\r\n5\r\npedia\r\nF\npeople who know\r\n0\r\nExpires: never\r\n\r\nNEXT");
        assertEquals("Wikipediapeople who know", read(new ChunkedInput(in)));
        assertEquals("NEXT", read(in));
    }

    @Test
    void refusesChunkSizesThatAreNotPlainHexadecimal() {
        for (String size : new String[] {"-1", "+5", "0x5", "zz", "", "1000000000000000"}) {
            IOException error = assertThrows(IOException.class,
                    () -> read(new ChunkedInput(wire(size + "\r\nhello\r\n0\r\n\r\n"))), size);
            assertTrue(error.getMessage().contains("not a hexadecimal number"), error.getMessage());
        }
    }

    @Test
    void refusesAChunkLongerThanItsSize() {
        IOException error = assertThrows(IOException.class, () -> read(new ChunkedInput(wire("3\r\nhello\r\n0\r\n\r\n"))));
        assertEquals("invalid chunked encoding: no line end after a chunk", error.getMessage());
    }

    @Test
    void failsWhenTheConnectionEndsInTheMiddleOfAChunkedBody() {
        assertThrows(EOFException.class, () -> read(new ChunkedInput(wire("a\r\nhello"))));
        assertThrows(EOFException.class, () -> read(new ChunkedInput(wire("5\r\nhello\r\n"))));
    }

    @Test
    void refusesAChunkLineLongerThanTheLineLimit() {
        String endless = "5" + ";x".repeat(HttpLines.MAX_LINE) + "\r\nhello\r\n0\r\n\r\n";
        assertThrows(HttpLines.LineTooLong.class, () -> read(new ChunkedInput(wire(endless))));
    }

    @Test
    void aBodyOfAContentLengthEndsThereAndFailsWhenTheConnectionEndsSooner() throws Exception {
        InputStream in = wire("hello world");
        assertEquals("hello", read(new FixedLengthInput(in, 5)));
        assertEquals(" world", read(in));
        EOFException early = assertThrows(EOFException.class, () -> read(new FixedLengthInput(wire("hel"), 5)));
        assertEquals("the connection closed 2 bytes before the end of the body", early.getMessage());
    }
}
