package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.testing.RecordingContext;

import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.downloader.DownloaderMessages.CheckExistence;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.DownloadedFile;
import cz.edeposit.amqp.downloader.DownloaderMessages.Exists;
import cz.edeposit.amqp.downloader.DownloaderMessages.Progress;
import cz.edeposit.amqp.downloader.DownloaderMessages.ProgressDownload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler against a real HTTP server on loopback, without a broker. */
class DownloaderHandlerTest {

    private static final DownloaderSettings LIMITS = LoopbackSettings.load(Map.of(
            "DOWNLOADER_CONNECT_TIMEOUT", "2", "DOWNLOADER_READ_TIMEOUT", "1.5", "DOWNLOADER_MAX_SIZE", "100000"));

    private static LoopbackHttpServer server;
    private final DownloaderHandler handler = new DownloaderHandler(LIMITS);
    private final RecordingContext context = new RecordingContext();

    @BeforeAll
    static void startServer() throws Exception {
        server = new LoopbackHttpServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }


    private Object handle(Object request) throws Exception {
        return handler.handle(request, context);
    }

    private static byte[] decoded(Object reply) {
        return Base64.getDecoder().decode(((DownloadedFile) reply).b64Data());
    }

    @Test
    void downloadsAFixedLengthBody() throws Exception {
        String url = server.url("/fixed/50000");
        Object reply = handle(new Download(url));
        assertEquals(url, ((DownloadedFile) reply).url());
        assertArrayEquals(LoopbackHttpServer.bytes(50000), decoded(reply));
        assertTrue(context.progress.isEmpty(), "Download sends no progress");
    }

    @Test
    void downloadsAChunkedBody() throws Exception {
        assertArrayEquals(LoopbackHttpServer.bytes(30000), decoded(handle(new Download(server.url("/chunked/30000")))));
    }

    @Test
    void downloadsAnEmptyBody() throws Exception {
        assertArrayEquals(new byte[0], decoded(handle(new Download(server.url("/empty")))));
    }

    @Test
    void followsARedirectOnGetAndKeepsTheRequestedUrl() throws Exception {
        String url = server.url("/moved");
        Object reply = handle(new Download(url));
        assertEquals(url, ((DownloadedFile) reply).url());
        assertArrayEquals(LoopbackHttpServer.bytes(1000), decoded(reply));
    }

    @Test
    void answersAnErrorStatusWithHttpErrorNamingStatusAndUrl() {
        String url = server.url("/missing");
        HTTPError error = assertThrows(HTTPError.class, () -> handle(new Download(url)));
        assertEquals("404 Client Error for url: " + url, error.getMessage());
        HTTPError server500 = assertThrows(HTTPError.class, () -> handle(new Download(server.url("/broken"))));
        assertTrue(server500.getMessage().startsWith("500 Server Error for url: "), server500.getMessage());
    }

    @Test
    void reportsARedirectLoopAsHttpError() {
        HTTPError error = assertThrows(HTTPError.class, () -> handle(new Download(server.url("/loop"))));
        assertTrue(error.getMessage().startsWith("302 Redirection not followed"), error.getMessage());
    }

    @Test
    void neverFollowsARedirectToAFile() {
        HTTPError error = assertThrows(HTTPError.class, () -> handle(new Download(server.url("/to-file"))));
        assertTrue(error.getMessage().startsWith("302 Redirection not followed (to file:///etc/passwd"), error.getMessage());
    }

    @Test
    void refusesABodyAnnouncedLargerThanTheLimitWithoutReadingIt() {
        ContentTooLarge error = assertThrows(ContentTooLarge.class, () -> handle(new Download(server.url("/huge"))));
        assertTrue(error.getMessage().contains("announces 2147483648 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("100000 bytes (DOWNLOADER_MAX_SIZE"), error.getMessage());
    }

    @Test
    void stopsAChunkedBodyOnceItExceedsTheLimit() {
        ContentTooLarge error = assertThrows(ContentTooLarge.class,
                () -> handle(new Download(server.url("/huge-chunked/300000"))));
        assertTrue(error.getMessage().contains("sent more than 100000 bytes"), error.getMessage());
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        assertEquals(100_000, decoded(handle(new Download(server.url("/chunked/100000")))).length);
    }

    @Test
    void timesOutWaitingForHeaders() {
        ConnectionError error = assertThrows(ConnectionError.class,
                () -> handle(new Download(server.url("/slow-headers/4000"))));
        assertTrue(error.getMessage().startsWith("read timed out after 1.5 s (DOWNLOADER_READ_TIMEOUT)"), error.getMessage());
    }

    @Test
    void timesOutWhenTheBodyStalls() {
        long started = System.nanoTime();
        ConnectionError error = assertThrows(ConnectionError.class, () -> handle(new Download(server.url("/stall/20000"))));
        assertTrue(error.getMessage().contains("the body stopped arriving"), error.getMessage());
        assertTrue(System.nanoTime() - started < 8_000_000_000L, "gave up after the read timeout, not the server's stall");
    }

    @Test
    void reportsARefusedConnectionAsConnectionError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/x";
        ConnectionError error = assertThrows(ConnectionError.class, () -> handle(new Download(url)));
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused for url: " + url, error.getMessage());
    }

    @Test
    void refusesSchemesOtherThanHttpAndHttps() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.org/a", "jar:file:/x.jar!/a")) {
            InvalidSchema error = assertThrows(InvalidSchema.class, () -> handle(new Download(url)), url);
            assertTrue(error.getMessage().contains("only http and https"), error.getMessage());
            assertThrows(InvalidSchema.class, () -> handle(new CheckExistence(url)), url);
            assertThrows(InvalidSchema.class, () -> handle(new ProgressDownload(url, 3)), url);
        }
        assertThrows(MissingSchema.class, () -> handle(new Download("example.org/a.pdf")));
        assertThrows(InvalidURL.class, () -> handle(new Download("http:///a")));
        InvalidURL port = assertThrows(InvalidURL.class, () -> handle(new Download("http://127.0.0.1:99999/a")));
        assertTrue(port.getMessage().startsWith("Invalid URL 'http://127.0.0.1:99999/a': "), port.getMessage());
    }

    @Test
    void reportsProgressInStepsOfAKnownLengthWithTheUrl() throws Exception {
        String url = server.url("/fixed/40000");
        Object reply = handle(new ProgressDownload(url, 4));
        assertArrayEquals(LoopbackHttpServer.bytes(40000), decoded(reply));
        List<Progress> progress = progress();
        assertFalse(progress.isEmpty());
        int previous = 0;
        for (Progress p : progress) {
            assertEquals(url, p.url());
            assertEquals(40000, p.contentLength());
            assertTrue(p.step() > previous && p.step() <= 4, progress.toString());
            assertTrue(p.downloaded() >= 10_000L * p.step(), progress.toString());
            previous = p.step();
        }
        assertEquals(new Progress(url, 4, 40000, 40000), progress.get(progress.size() - 1));
    }

    @Test
    void reportsBytesWithoutAContentLength() throws Exception {
        String url = server.url("/chunked/99000");
        Object reply = handle(new ProgressDownload(url, 10));
        assertEquals(99000, decoded(reply).length);
        List<Progress> progress = progress();
        assertEquals(new Progress(url, 1, progress.get(0).downloaded(), -1), progress.get(0));
        assertTrue(progress.get(0).downloaded() >= ProgressTracker.UNKNOWN_LENGTH_INTERVAL, progress.toString());
        assertEquals(new Progress(url, 2, 99000, -1), progress.get(progress.size() - 1));
        assertEquals(2, progress.size(), progress.toString());
    }

    @Test
    void reportsOneFinalStepForAnEmptyBody() throws Exception {
        String url = server.url("/empty");
        handle(new ProgressDownload(url, 5));
        assertEquals(List.of(new Progress(url, 5, 0, 0)), progress());
    }

    @Test
    void reportsNoMoreStepsThanTheBodyHasBytes() throws Exception {
        String url = server.url("/fixed/3");
        handle(new ProgressDownload(url, 1000));
        assertEquals(List.of(new Progress(url, 1000, 3, 3)), progress());
    }

    @Test
    void refusesStepsBelowOne() {
        for (int steps : new int[] {0, -1}) {
            ValueError error = assertThrows(ValueError.class, () -> handle(new ProgressDownload(server.url("/fixed/10"), steps)));
            assertEquals("steps must be at least 1, not " + steps, error.getMessage());
        }
        assertTrue(context.progress.isEmpty());
    }

    @Test
    void checksExistenceWithHeadAndReturnsTheHeaders() throws Exception {
        String url = server.url("/fixed/1234");
        Exists exists = (Exists) handle(new CheckExistence(url));
        assertEquals(url, exists.url());
        assertTrue(exists.result());
        // Spelled as servers usually do, and as the original passed them on (java.net.http lower-cases them).
        assertEquals("1234", Map.copyOf(exists.headers()).get("Content-Length"));
        assertEquals("loopback", Map.copyOf(exists.headers()).get("X-Test"));
        assertTrue(server.requests().contains("HEAD /fixed/1234"));
        assertFalse(server.requests().contains("GET /fixed/1234"), "HEAD only");
    }

    @Test
    void countsARedirectAsExistingWithoutFollowingIt() throws Exception {
        int before = server.requests().size();
        Exists exists = (Exists) handle(new CheckExistence(server.url("/moved")));
        assertTrue(exists.result());
        assertEquals(server.url("/fixed/1000"), Map.copyOf(exists.headers()).get("Location"));
        assertEquals(List.of("HEAD /moved"), server.requests().subList(before, server.requests().size()));
    }

    @Test
    void answersFalseWithoutHeadersForAnErrorStatusOrNetworkFailure() throws Exception {
        assertEquals(new Exists(server.url("/missing"), false, Map.of()), handle(new CheckExistence(server.url("/missing"))));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + port + "/";
        assertEquals(new Exists(refused, false, Map.of()), handle(new CheckExistence(refused)));
    }

    @Test
    void answersAnUnknownRequestWithValueError() {
        ValueError error = assertThrows(ValueError.class, () -> handle(Map.of("url", "http://x/")));
        assertEquals("Unknown type of request: '<type 'dict'>'!", error.getMessage());
    }

    private List<Progress> progress() {
        List<Progress> list = new ArrayList<>();
        for (Object message : context.progress) {
            list.add((Progress) message);
        }
        return list;
    }
}
