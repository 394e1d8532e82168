package cz.edeposit.amqp.harvester;

import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
import cz.edeposit.amqp.net.PinnedHttp;
import cz.edeposit.amqp.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a loopback server that misbehaves: stalls, trickles, oversized bodies, gzip, 429, bad redirects. */
class HarvesterFetcherTest {

    private HttpServer server;
    private final AtomicInteger tooMany = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch stallEnds = new java.util.concurrent.CountDownLatch(1);
    private final AtomicBoolean trickleCutOff = new AtomicBoolean();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("<x>".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                stallEnds.await(10, java.util.concurrent.TimeUnit.SECONDS); // the stall the time-out must cut short
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/trickle", this::trickle);
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[5000]);
            exchange.close();
        });
        server.createContext("/gzip", exchange -> {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write("ahoj".getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, zipped.size());
            exchange.getResponseBody().write(zipped.toByteArray());
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            if (tooMany.getAndIncrement() == 0) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
            } else {
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            }
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.getResponseHeaders().set("Retry-After", exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/away", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://10.0.0.1/internal");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    /**
     * A byte every 50 ms, far within any read time-out, until the client hangs up, the test ends, or at most a minute:
     * only a total time-out ends such a fetch.
     */
    private void trickle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        try {
            for (int i = 0; i < 1200 && !stallEnds.await(50, TimeUnit.MILLISECONDS); i++) {
                body.write('x');
                body.flush();
            }
        } catch (IOException hungUp) {
            trickleCutOff.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.close();
    }

    @AfterEach
    void stop() {
        stallEnds.countDown(); // the server's stop waits for its handler
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** A time-out no loaded machine reaches: only the stall test is about the time-out. */
    private static HarvesterFetcher fetcher(long maxBytes) {
        return new HarvesterFetcher(settings(maxBytes, "127.0.0.0/8", Duration.ofSeconds(20), Duration.ofSeconds(60)));
    }

    private static HarvesterSettings settings(long maxBytes, String allow) {
        return settings(maxBytes, allow, Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    private static HarvesterSettings settings(long maxBytes, String allow, Duration timeout, Duration total) {
        return new HarvesterSettings(true, false, true, Path.of("/tmp/c.json"), Path.of("/tmp/s.yaml"),
                Path.of("/tmp/state"), "edeposit-harvester/test", Duration.ZERO, timeout, total, maxBytes,
                Duration.ofSeconds(1), new DestinationPolicy(List.of(Network.parse(allow)),
                DestinationPolicy.DEFAULT_DENY.stream().map(Network::parse).toList()));
    }

    /** A server on 127.0.0.2, at the port of the main one, that must never be asked anything. */
    private HttpServer forbidden(List<String> asked) throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.2", server.getAddress().getPort()), 0);
        other.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("no".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        other.start();
        return other;
    }

    /**
     * DNS rebinding: the name first resolves to an allowed address, then to a forbidden one. The fetcher looks the host
     * up once per run and connects to exactly the checked address, robots.txt and every document alike.
     */
    @Test
    void connectsOnlyToTheAddressItCheckedWhenTheNameLaterResolvesElsewhere() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> hosts = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/host", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        HttpServer other = forbidden(asked);
        AtomicInteger lookups = new AtomicInteger();
        HarvesterFetcher fetcher = new HarvesterFetcher(settings(100, "127.0.0.1/32"), host -> {
            assertEquals("harvest.invalid", host);
            return new java.net.InetAddress[] {java.net.InetAddress.getByName(
                    lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2")};
        }, PinnedHttp.DEFAULT_TLS);
        try {
            URI url = URI.create("http://harvest.invalid:" + server.getAddress().getPort() + "/host");
            assertEquals("ok", new String(fetcher.fetch(url, Optional.empty()).body(), StandardCharsets.UTF_8));
            assertEquals("ok", new String(fetcher.fetch(url, Optional.empty()).body(), StandardCharsets.UTF_8));
            assertEquals(1, lookups.get(), "one lookup per host and run");
            assertEquals(List.of(), asked, "the forbidden address was never contacted");
            assertEquals(List.of("harvest.invalid:" + server.getAddress().getPort()), hosts.subList(0, 1));
        } finally {
            other.stop(0);
        }
    }

    @Test
    void refusesANameOneOfWhoseAddressesIsForbiddenAndContactsNone() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer other = forbidden(asked);
        HarvesterFetcher fetcher = new HarvesterFetcher(settings(100, "127.0.0.1/32"), host -> new java.net.InetAddress[] {
                java.net.InetAddress.getByName("127.0.0.1"), java.net.InetAddress.getByName("127.0.0.2")},
                PinnedHttp.DEFAULT_TLS);
        try {
            IOException refused = assertThrows(IOException.class, () -> fetcher.fetch(
                    URI.create("http://harvest.invalid:" + server.getAddress().getPort() + "/gzip"), Optional.empty()));
            assertTrue(refused.getMessage().contains("destination harvest.invalid is not allowed"), refused.getMessage());
            assertEquals(List.of(), asked);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void readsAChunkedBody() throws Exception {
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // no length: the JDK's server sends chunks
            for (int i = 0; i < 3; i++) {
                exchange.getResponseBody().write(("part" + i).getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        assertEquals("part0part1part2", new String(fetcher(100).fetch(url("/chunked"), Optional.empty()).body(),
                StandardCharsets.UTF_8));
    }

    @Test
    void givesUpOnABodyThatStallsLongerThanTheTimeout() {
        // Had the fetch waited for the server's end of the stall, it would have returned "<x>": the exception and its
        // text are the proof that the read time-out cut it short (no clock in the test).
        HarvesterFetcher fetcher = new HarvesterFetcher(settings(1000, "127.0.0.0/8", Duration.ofMillis(700),
                Duration.ofSeconds(60)));
        IOException stalled = assertThrows(IOException.class, () -> fetcher.fetch(url("/stall"), Optional.empty()));
        assertTrue(String.valueOf(stalled.getMessage()).contains("HARVESTER_TIMEOUT"), stalled.getMessage());
    }

    /**
     * Each byte comes long before HARVESTER_TIMEOUT (20 s), so only HARVESTER_TOTAL_TIMEOUT can end the fetch; the
     * same fetcher then reads a normal document, as a run goes on with its next source.
     */
    @Test
    void cutsOffATricklingBodyAtTheTotalTimeoutAndFetchesTheNextDocument() throws Exception {
        HarvesterFetcher fetcher = new HarvesterFetcher(settings(1 << 20, "127.0.0.0/8", Duration.ofSeconds(20),
                Duration.ofSeconds(3)));
        IOException cut = assertThrows(IOException.class, () -> fetcher.fetch(url("/trickle"), Optional.empty()));
        assertEquals(url("/trickle") + ": the fetch took longer than HARVESTER_TOTAL_TIMEOUT (3000 ms)", cut.getMessage());
        Await.until("the trickling server sees the connection closed", Duration.ofSeconds(30), trickleCutOff::get);
        assertArrayEquals("ahoj".getBytes(StandardCharsets.UTF_8), fetcher.fetch(url("/gzip"), Optional.empty()).body());
    }

    /** robots.txt is read within the deadline of the document that needs it, and the document is not fetched. */
    @Test
    void cutsOffATricklingRobotsTxtAtTheTotalTimeoutAndNeverAsksForTheDocument() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/robots.txt", this::trickle);
        server.createContext("/doc", exchange -> {
            asked.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HarvesterFetcher fetcher = new HarvesterFetcher(settings(1 << 20, "127.0.0.0/8", Duration.ofSeconds(20),
                Duration.ofSeconds(3)));
        IOException cut = assertThrows(IOException.class, () -> fetcher.fetch(url("/doc"), Optional.empty()));
        assertEquals(url("/robots.txt") + ": the fetch took longer than HARVESTER_TOTAL_TIMEOUT (3000 ms)",
                cut.getMessage());
        Await.until("the trickling server sees the connection closed", Duration.ofSeconds(30), trickleCutOff::get);
        assertEquals(0, asked.get());
    }

    @Test
    void refusesABodyLargerThanMaxBytesWithoutAContentLength() {
        IOException big = assertThrows(IOException.class, () -> fetcher(4096).fetch(url("/big"), Optional.empty()));
        assertTrue(big.getMessage().contains("HARVESTER_MAX_BYTES"), big.getMessage());
    }

    @Test
    void decompressesGzipAndWaitsOnceForRetryAfter() throws Exception {
        assertArrayEquals("ahoj".getBytes(StandardCharsets.UTF_8), fetcher(100).fetch(url("/gzip"), Optional.empty()).body());
        assertEquals("ok", new String(fetcher(100).fetch(url("/busy"), Optional.empty()).body(), StandardCharsets.UTF_8));
        assertEquals(2, tooMany.get());
    }

    @Test
    void refusesARedirectToAnAddressTheOperatorDidNotAllow() {
        IOException away = assertThrows(IOException.class, () -> fetcher(100).fetch(url("/away"), Optional.empty()));
        assertTrue(away.getMessage().contains("destination 10.0.0.1 is not allowed"), away.getMessage());
    }

    @Test
    void saysWhyARetryAfterIsNotWaitedFor() {
        IOException tooLong = assertThrows(IOException.class, () -> fetcher(100).fetch(url("/down?600"), Optional.empty()));
        assertEquals(url("/down?600") + " answered 503, retry after 600 s (longer than the 5 min the harvester waits)",
                tooLong.getMessage());
        HarvesterFetcher shortTotal = new HarvesterFetcher(settings(100, "127.0.0.0/8", Duration.ofSeconds(20),
                Duration.ofSeconds(3)));
        IOException pastTotal = assertThrows(IOException.class, () -> shortTotal.fetch(url("/down?3"), Optional.empty()));
        assertEquals(url("/down?3") + " answered 503, retry after 3 s (not shorter than HARVESTER_TOTAL_TIMEOUT, 3 s)",
                pastTotal.getMessage());
    }
}
