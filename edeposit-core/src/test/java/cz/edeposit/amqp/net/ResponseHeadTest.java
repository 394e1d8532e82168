package cz.edeposit.amqp.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading a response's status and headers, and the answers that are not HTTP or too large. */
class ResponseHeadTest {

    private static InputStream wire(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpFailure.Kind failure(String text) {
        return assertThrows(HttpFailure.class, () -> ResponseHead.read(wire(text)), text).kind();
    }

    @Test
    void readsStatusAndHeadersCaseInsensitivelyAfterInterimAnswers() throws Exception {
        InputStream in = wire("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Long: one\r\n"
                + "\ttwo\r\nset-cookie: b=2\nContent-Length:  5 \r\n\r\nhello");
        ResponseHead head = ResponseHead.read(in);
        assertEquals(200, head.status());
        assertEquals(List.of("a=1", "b=2"), head.headers().get("SET-COOKIE"));
        assertEquals("one two", head.header("x-long"));
        assertEquals("5", head.header("Content-Length"));
        assertEquals(List.of("set-cookie", "x-long", "content-length").stream().sorted().toList(),
                head.headers().keySet().stream().sorted().toList(), "names in lower case");
        assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anAnswerThatIsNotHttpIsNeitherQuotedNorParsed() {
        assertEquals(HttpFailure.Kind.NOT_HTTP, failure("SSH-2.0-OpenSSH_9.2p1\r\n"));
        assertEquals(HttpFailure.Kind.NOT_HTTP, failure("AMQP\0\0\u0009\u0001"));
        assertEquals(HttpFailure.Kind.NOT_HTTP, failure("HTTP/1.1 099 Low\r\n\r\n"));
        assertEquals(HttpFailure.Kind.NOT_HTTP, failure("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"));
        assertEquals(HttpFailure.Kind.NOT_HTTP, failure("HTTP/1.1 200 " + "x".repeat(HttpLines.MAX_LINE) + "\r\n\r\n"));
        assertEquals("the server did not answer HTTP",
                assertThrows(HttpFailure.class, () -> ResponseHead.read(wire("SSH-2.0-x\r\n"))).getMessage());
    }

    @Test
    void aConnectionClosedBeforeAnyByteIsNoAnswerAndInTheHeadersAnEof() {
        assertEquals(HttpFailure.Kind.NO_ANSWER, failure(""));
        assertThrows(EOFException.class, () -> ResponseHead.read(wire("HTTP/1.1 200 OK\r\nA: b\r\n")));
    }

    @Test
    void refusesAHeadOverSixtyFourKibStatusLinesIncluded() {
        String line = "X-Filler: " + "y".repeat(4000) + "\r\n";
        assertEquals(HttpFailure.Kind.HEAD_TOO_LARGE, failure("HTTP/1.1 200 OK\r\n" + line.repeat(17) + "\r\n"));
        String interim = "HTTP/1.1 103 Early Hints\r\n" + line.repeat(9) + "\r\n";
        assertEquals(HttpFailure.Kind.HEAD_TOO_LARGE, failure(interim.repeat(2) + "HTTP/1.1 200 OK\r\n\r\n"));
        assertEquals("the server sent more than 64 KiB of headers", assertThrows(HttpFailure.class,
                () -> ResponseHead.read(wire("HTTP/1.1 200 OK\r\n" + line.repeat(17) + "\r\n"))).getMessage());
    }
}
