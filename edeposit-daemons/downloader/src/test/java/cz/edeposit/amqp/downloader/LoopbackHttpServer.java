package cz.edeposit.amqp.downloader;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 with the responses the downloader must handle. Paths:
 * {@code /fixed/N} (N bytes with Content-Length), {@code /chunked/N} (N bytes, chunked),
 * {@code /empty}, {@code /missing} (404), {@code /broken} (500), {@code /moved} (301 to
 * {@code /fixed/1000}), {@code /loop} (302 to itself), {@code /to-file} (302 to {@code file:///etc/passwd}), {@code /slow-headers/MS} (headers after MS ms),
 * {@code /stall/N} (N bytes announced, half sent, then silence), {@code /huge} (announces 2 GiB),
 * {@code /huge-chunked/N} (N bytes, chunked), {@code /redirect?URL} (302 to the URL, percent-decoded).
 * Bodies are {@link #bytes(int)}.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Long enough for any read timeout a test sets, short enough that a stalled handler thread ends soon. */
    private static final long STALL_MILLIS = 10_000;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "loopback-http");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL of {@code path}, e.g. {@code url("/fixed/10")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The port it listens on, at 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request seen, as {@code "METHOD /path"}, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** A body of {@code length} bytes that is not all one value, so offsets errors show. */
    public static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String[] parts = path.split("/");
        String route = parts.length > 1 ? parts[1] : "";
        int number = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        try (exchange) {
            exchange.getResponseHeaders().add("X-Test", "loopback");
            switch (route) {
                case "fixed" -> send(exchange, 200, bytes(number), false);
                case "chunked", "huge-chunked" -> send(exchange, 200, bytes(number), true);
                case "empty" -> send(exchange, 200, new byte[0], false);
                case "missing" -> send(exchange, 404, "not here".getBytes(), false);
                case "broken" -> send(exchange, 500, "broken".getBytes(), false);
                case "moved" -> redirect(exchange, 301, url("/fixed/1000"));
                case "loop" -> redirect(exchange, 302, url("/loop"));
                case "to-file" -> redirect(exchange, 302, "file:///etc/passwd");
                case "redirect" -> redirect(exchange, 302,
                        URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
                case "slow-headers" -> {
                    sleep(number);
                    send(exchange, 200, bytes(10), false);
                }
                case "stall" -> stall(exchange, number);
                case "huge" -> {
                    exchange.sendResponseHeaders(200, 2L << 30);
                    exchange.getResponseBody().write(bytes(1000));
                    sleep(STALL_MILLIS);
                }
                default -> send(exchange, 404, new byte[0], false);
            }
        } catch (IOException e) {
            // The client hung up on purpose (size limit, timeout): nothing to answer.
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean chunked) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            // Several writes, so a chunked body arrives in several chunks.
            for (int offset = 0; offset < body.length; offset += 4096) {
                out.write(body, offset, Math.min(4096, body.length - offset));
                out.flush();
            }
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    private static void stall(HttpExchange exchange, int length) throws IOException {
        exchange.sendResponseHeaders(200, length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes(length), 0, length / 2);
        out.flush();
        sleep(STALL_MILLIS);
    }

    // The behaviour under test, not a wait: a server that answers slowly or stalls.
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
