package cz.edeposit.amqp.harvester;

import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher against a loopback server that misbehaves: stalls, oversized bodies, gzip, 429, bad redirects. */
class HarvesterFetcherTest {

    private HttpServer server;
    private final AtomicInteger tooMany = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("<x>".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
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
        server.createContext("/away", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://10.0.0.1/internal");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static HarvesterFetcher fetcher(long maxBytes) {
        HarvesterSettings settings = new HarvesterSettings(true, false, true, Path.of("/tmp/c.json"), Path.of("/tmp/s.yaml"),
                Path.of("/tmp/state"), "edeposit-harvester/test", Duration.ZERO, Duration.ofMillis(700), maxBytes,
                Duration.ofSeconds(1), new DestinationPolicy(List.of(Network.parse("127.0.0.0/8")),
                DestinationPolicy.DEFAULT_DENY.stream().map(Network::parse).toList()));
        return new HarvesterFetcher(settings);
    }

    @Test
    void givesUpOnABodyThatStallsLongerThanTheTimeout() {
        long start = System.nanoTime();
        IOException stalled = assertThrows(IOException.class, () -> fetcher(1000).fetch(url("/stall"), Optional.empty()));
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "long before the server's 3 s");
        assertTrue(String.valueOf(stalled.getMessage()).contains("HARVESTER_TIMEOUT"), stalled.getMessage());
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
}
