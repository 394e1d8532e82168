package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.downloader.DownloaderMessages.CheckExistence;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.Exists;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.LogCapture;
import cz.edeposit.amqp.testing.RecordingContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a server may learn or hold through the downloader's replies: a non-HTTP service is not
 * quoted, a URL's user and password appear nowhere, and a server trickling bytes is cut off at the
 * total time-out. Every server here is on loopback, which these settings allow.
 */
class HostileServerTest {

    private static LoopbackHttpServer http;
    private final RecordingContext context = new RecordingContext();

    @BeforeAll
    static void startServer() throws Exception {
        http = new LoopbackHttpServer();
    }

    @AfterAll
    static void stopServer() {
        http.close();
    }

    private static DownloaderHandler handler(Map<String, String> keys) {
        return new DownloaderHandler(LoopbackSettings.load(keys));
    }

    /** Every message of the error and its causes, as the reply's traceback carries them. */
    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    @Test
    void neverQuotesWhatANonHttpServiceSays() throws Exception {
        try (ScriptedTcpServer ssh = ScriptedTcpServer.banner("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")) {
            DownloaderHandler handler = handler(Map.of("DOWNLOADER_READ_TIMEOUT", "5"));
            String url = ssh.url("/");
            ConnectionError error = assertThrows(ConnectionError.class, () -> handler.handle(new Download(url), context));
            assertEquals("the server did not answer HTTP for url: " + url, error.getMessage());
            assertFalse(causes(error).contains("SSH"), "nor in the traceback");
            assertEquals(new Exists(url, false, Map.of()), handler.handle(new CheckExistence(url), context));
        }
    }

    @Test
    void anAmqpLikeAnswerWithoutALineEndIsNotQuotedEither() throws Exception {
        try (ScriptedTcpServer amqp = ScriptedTcpServer.banner("AMQP\0\0\u0009\u0001")) {
            String url = amqp.url("/");
            ConnectionError error = assertThrows(ConnectionError.class,
                    () -> handler(Map.of()).handle(new Download(url), context));
            assertEquals("the server did not answer HTTP for url: " + url, error.getMessage());
        }
    }

    @Test
    void masksTheUserAndPasswordOfAUrlInEveryErrorTextAndLogLine() throws Exception {
        DownloaderHandler handler = handler(Map.of());
        String secret = "s3cret-pw";
        String missing = http.url("/missing").replace("http://", "http://user:" + secret + "@");
        try (LogCapture log = new LogCapture(DownloaderHandler.class)) {
            HTTPError notFound = assertThrows(HTTPError.class, () -> handler.handle(new Download(missing), context));
            assertEquals("404 Client Error for url: " + missing.replace("user:" + secret + "@", "***@"), notFound.getMessage());

            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String closed = "http://user:" + secret + "@127.0.0.1:" + port + "/x";
            ConnectionError refused = assertThrows(ConnectionError.class, () -> handler.handle(new Download(closed), context));
            assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused for url: http://***@127.0.0.1:"
                    + port + "/x", refused.getMessage());

            String ftp = "ftp://user:" + secret + "@example.org/a";
            assertEquals("No connection adapters were found for 'ftp://***@example.org/a': the downloader fetches only"
                    + " http and https URLs, not ftp:",
                    assertThrows(InvalidSchema.class, () -> handler.handle(new Download(ftp), context)).getMessage());
            InvalidURL broken = assertThrows(InvalidURL.class,
                    () -> handler.handle(new Download("http://user:" + secret + "@h/%zz"), context));
            assertFalse(causes(broken).contains(secret), "nor in the traceback");
            String noScheme = assertThrows(InvalidSchema.class,
                    () -> handler.handle(new Download("user:" + secret + "@example.org/a"), context)).getMessage();
            assertFalse(noScheme.contains(secret), noScheme);

            handler.handle(new Download(http.url("/fixed/10").replace("http://", "http://user:" + secret + "@")), context);
            handler.handle(new CheckExistence(missing), context);
            assertTrue(log.messages().stream().anyMatch(line -> line.contains("from http://***@127.0.0.1:")), log.messages().toString());
            assertTrue(log.messages().stream().noneMatch(line -> line.contains(secret)), log.messages().toString());
        }
    }

    @Test
    void cutsOffAServerThatTricklesBytesAtTheTotalTimeout() throws Exception {
        try (ScriptedTcpServer trickle = ScriptedTcpServer.trickle(100_000, 100)) {
            DownloaderHandler handler = handler(Map.of("DOWNLOADER_READ_TIMEOUT", "2", "DOWNLOADER_TOTAL_TIMEOUT", "1.5"));
            long started = System.nanoTime();
            ConnectionError error = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(ConnectionError.class, () -> handler.handle(new Download(trickle.url("/")), context)));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("the download took longer than 1.5 s (DOWNLOADER_TOTAL_TIMEOUT) for url: " + trickle.url("/"),
                    error.getMessage());
            assertTrue(millis >= 1400 && millis < 3000, millis + " ms");
        }
    }

    @Test
    void sendsARequestOnceWhenTheServerClosesWithoutAnswering() throws Exception {
        try (ScriptedTcpServer mute = ScriptedTcpServer.closing()) {
            ConnectionError error = assertThrows(ConnectionError.class,
                    () -> handler(Map.of()).handle(new Download(mute.url("/")), context));
            assertEquals("the server closed the connection without answering for url: " + mute.url("/"), error.getMessage());
            assertEquals(1, mute.connections(), "no retry");
        }
    }

    @Test
    void anInterruptEndsAReadThatWaitsForASilentServerAtOnce() throws Exception {
        DownloaderHandler handler = handler(Map.of("DOWNLOADER_READ_TIMEOUT", "60"));
        String url = http.url("/slow-headers/10000");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                handler.handle(new Download(url), context);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        worker.start();
        Await.until("the server got the request", Duration.ofSeconds(10), () -> http.requests().contains("GET /slow-headers/10000"));
        long interrupted = System.nanoTime();
        worker.interrupt();
        Throwable error = outcome.get(5, TimeUnit.SECONDS);
        assertTrue(error instanceof InterruptedException, String.valueOf(error));
        assertTrue(System.nanoTime() - interrupted < 3_000_000_000L);
    }
}
