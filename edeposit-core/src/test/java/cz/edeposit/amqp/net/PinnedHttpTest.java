package cz.edeposit.amqp.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pinned client against a loopback server that answers with canned bytes: what it sends, reads and refuses. */
class PinnedHttpTest {

    private final List<InetSocketAddress> dialed = new ArrayList<>();
    private final PinnedHttp http = client(Duration.ofSeconds(5));

    private PinnedHttp client(Duration readTimeout) {
        return new PinnedHttp(Duration.ofSeconds(5), readTimeout, PinnedHttp.DEFAULT_TLS, (address, timeout) -> {
            dialed.add(address);
            return PinnedHttp.dial(address, timeout);
        });
    }

    private static List<InetAddress> addresses(String... literals) throws IOException {
        List<InetAddress> list = new ArrayList<>();
        for (String literal : literals) {
            list.add(InetAddress.getByName(literal));
        }
        return list;
    }

    private HttpResponse get(CannedServer server, String path) throws Exception {
        return http.send("GET", server.url("127.0.0.1", path), addresses("127.0.0.1"), Map.of(), Deadline.none());
    }

    private static String body(HttpResponse response) throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void sendsOneRequestToTheCheckedAddressWithTheUrlsHostAndNoLineBreaksInHeaderValues() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            URI url = server.url("pinned.example", "/p\u010d?q=1");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", "agent\r\nX-Injected: 1");
            headers.put("Accept", "*/*");
            try (HttpResponse response = http.send("GET", url, addresses("127.0.0.1"), headers, Deadline.none())) {
                assertEquals("ok", body(response));
            }
            assertEquals(List.of("GET /p%C4%8D?q=1 HTTP/1.1\r\nHost: pinned.example:" + url.getPort() + "\r\n"
                    + "User-Agent: agent  X-Injected: 1\r\nAccept: */*\r\nConnection: close\r\n\r\n"), server.requests());
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", url.getPort())), dialed);
        }
    }

    @Test
    void triesTheNextCheckedAddressWhenOneRefusesAndNamesTheLastFailure() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 204 No Content\r\n\r\n")) {
            URI url = server.url("127.0.0.1", "/");
            try (HttpResponse response = http.send("GET", url, addresses("127.0.0.2", "127.0.0.1"), Map.of(),
                    Deadline.none())) {
                assertEquals(204, response.status());
                assertEquals("", body(response));
            }
            assertEquals(2, dialed.size());
        }
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        URI refused = URI.create("http://127.0.0.1:" + port + "/x");
        HttpFailure failure = assertThrows(HttpFailure.class,
                () -> http.send("GET", refused, addresses("127.0.0.1"), Map.of(), Deadline.none()));
        assertEquals(HttpFailure.Step.CONNECT, failure.step());
        assertEquals(HttpFailure.Kind.REFUSED, failure.kind());
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", failure.getMessage());
    }

    @Test
    void readsChunkedAndFixedBodiesAndNoneForHead() throws Exception {
        try (CannedServer chunked = new CannedServer("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n"
                + "Content-Length: 99\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
             HttpResponse response = get(chunked, "/")) {
            assertEquals(-1, response.contentLength(), "chunks win over a length");
            assertEquals("abcde", body(response));
        }
        try (CannedServer fixed = new CannedServer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef")) {
            try (HttpResponse response = get(fixed, "/")) {
                assertEquals(3, response.contentLength());
                assertEquals("abc", body(response));
            }
            try (HttpResponse head = http.send("HEAD", fixed.url("127.0.0.1", "/"), addresses("127.0.0.1"), Map.of(),
                    Deadline.none())) {
                assertEquals(Map.of("content-length", List.of("3")), Map.copyOf(head.headers()));
                assertEquals("", body(head));
            }
        }
    }

    @Test
    void refusesABodyAnnouncedOverTheLimitUnreadAndStopsOneThatGrowsOverIt() throws Exception {
        List<Long> totals = new ArrayList<>();
        try (CannedServer announced = new CannedServer("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world");
             HttpResponse response = get(announced, "/")) {
            BodyTooLarge error = assertThrows(BodyTooLarge.class,
                    () -> response.copyBody(false, 10, (piece, length, total) -> totals.add(total)));
            assertEquals(11, error.announced());
            assertEquals(List.of(), totals, "not read");
        }
        try (CannedServer unannounced = new CannedServer("HTTP/1.1 200 OK\r\n\r\nhello world")) {
            try (HttpResponse response = get(unannounced, "/")) {
                assertEquals(-1, assertThrows(BodyTooLarge.class,
                        () -> response.copyBody(false, 10, (piece, length, total) -> { })).announced());
            }
            try (HttpResponse response = get(unannounced, "/")) {
                assertEquals(11, response.copyBody(false, 11, (piece, length, total) -> totals.add(total)));
                assertEquals(11L, totals.get(totals.size() - 1), "the last piece reports the whole body");
            }
        }
    }

    @Test
    void decodesGzipOnlyWhenAskedAndCountsTheDecodedBytes() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("a".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.write(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        answer.write(zipped.toByteArray());
        try (CannedServer server = new CannedServer(answer.toByteArray())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (HttpResponse response = get(server, "/")) {
                response.copyBody(true, 1000, (piece, length, total) -> out.write(piece, 0, length));
            }
            assertEquals("a".repeat(1000), out.toString(StandardCharsets.US_ASCII));
            try (HttpResponse response = get(server, "/")) {
                assertThrows(BodyTooLarge.class, () -> response.copyBody(true, 999, (piece, length, total) -> { }));
            }
            try (HttpResponse response = get(server, "/")) {
                assertEquals(zipped.size(), response.copyBody(false, 1000, (piece, length, total) -> { }), "as sent");
            }
        }
    }

    @Test
    void aBodyThatEndsEarlyIsABodyFailureNamingTheHostNotTheUrl() throws Exception {
        try (CannedServer server = new CannedServer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
             HttpResponse response = get(server, "/secret")) {
            HttpFailure failure = assertThrows(HttpFailure.class, () -> response.copyBody(false, 100, (p, l, t) -> { }));
            assertEquals(HttpFailure.Step.BODY, failure.step());
            assertEquals("network failure with 127.0.0.1:" + server.url("h", "/").getPort()
                    + ": the connection closed 7 bytes before the end of the body", failure.getMessage());
        }
    }

    @Test
    void waitsForTheAnswerAtMostTheReadTimeoutAndTheDeadline() throws Exception {
        try (CannedServer silent = new CannedServer(new byte[0])) {
            URI url = silent.url("127.0.0.1", "/");
            HttpFailure read = assertThrows(HttpFailure.class, () -> client(Duration.ofMillis(200))
                    .send("GET", url, addresses("127.0.0.1"), Map.of(), Deadline.none()));
            assertEquals(HttpFailure.Step.RESPONSE, read.step());
            assertEquals(HttpFailure.Kind.TIMED_OUT, read.kind());
            Deadline deadline = Deadline.after(Duration.ofMillis(200));
            HttpFailure total = assertThrows(HttpFailure.class, () -> client(Duration.ofSeconds(60))
                    .send("GET", url, addresses("127.0.0.1"), Map.of(), deadline));
            assertEquals(HttpFailure.Kind.TIMED_OUT, total.kind());
            assertTrue(deadline.passed());
        }
    }
}
