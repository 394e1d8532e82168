package cz.edeposit.amqp.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.settings.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The download server on {@code WEB_ADDR:WEB_PORT}: files by uuid, periodical trees and the index of
 * public publications (docs/storage.md, "Download server"). Files stream from disk; nothing private is served.
 */
final class DownloadServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DownloadServer.class);
    static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Storage storage;
    private final FileResponses files;
    private final TreePages pages;

    private DownloadServer(HttpServer server, ExecutorService executor, Storage storage) {
        this.server = server;
        this.executor = executor;
        this.storage = storage;
        this.files = new FileResponses(storage);
        this.pages = new TreePages(storage);
    }

    /**
     * Listens on the configured address.
     *
     * @throws ConfigException naming WEB_ADDR and WEB_PORT when it cannot
     */
    static DownloadServer start(Storage storage) {
        StorageSettings.WebSettings web = storage.settings.web();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(web.address(), web.port()), 64);
        } catch (IOException e) {
            throw new ConfigException("WEB_ADDR " + web.address() + ", WEB_PORT " + web.port() + ": cannot listen ("
                    + e.getMessage() + "); choose a free port, or set WEB_ENABLED to false for a worker-only instance");
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "storage-web");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        DownloadServer download = new DownloadServer(server, executor, storage);
        server.createContext("/", download::serve);
        server.start();
        return download;
    }

    /** The bound address (the port is the real one when WEB_PORT was 0). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "Nepovolená metoda", "Tato adresa odpovídá jen na GET a HEAD.");
                return;
            }
            try {
                StorageHandler.checkMounted(storage.settings.hnasIndicator());
            } catch (HNASNotMountedException e) {
                send(exchange, 503, "Úložiště není dostupné", "Úložiště souborů není připojeno. Zkuste to později.");
                return;
            }
            route(exchange);
        } catch (Exception e) {
            log.warn("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString());
            try {
                send(exchange, 500, "Chyba serveru", "Požadavek se nepodařilo vyřídit.");
            } catch (IOException | RuntimeException ignored) {
                // the response had begun: the client sees a cut-off body
            }
        }
    }

    private void route(HttpExchange exchange) throws Exception {
        StorageSettings.WebSettings web = storage.settings.web();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        if (path == null) {
            send(exchange, 400, "Chybná adresa", "Adresa není platná.");
        } else if (path.isEmpty()) {
            if (web.privateIndex() && !authorized(exchange, web)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"edeposit storage\", charset=\"UTF-8\"");
                send(exchange, 401, "Přihlášení", "Seznam publikací je přístupný jen po přihlášení.");
            } else {
                html(exchange, 200, pages.index(exchange.getRequestURI().getRawQuery()));
            }
        } else if (path.size() == 2 && path.get(0).equals(web.uuidKey())) {
            files.serve(exchange, path.get(1));
        } else if (path.size() >= 2 && path.get(0).equals(web.pathKey())) {
            tree(exchange, pages.byPath(String.join("/", path.subList(1, path.size()))));
        } else if (path.size() == 2 && path.get(0).equals(web.issnKey())) {
            tree(exchange, pages.byIssn(path.get(1)));
        } else {
            send(exchange, 404, "Nenalezeno", "Na této adrese nic není.");
        }
    }

    private static void tree(HttpExchange exchange, Optional<String> page) throws IOException {
        if (page.isPresent()) {
            html(exchange, 200, page.get());
        } else {
            send(exchange, 404, "Nenalezeno", "Takový periodický titul tu není.");
        }
    }

    /** The decoded segments of a raw path; null for a bad escape or a "." or ".." segment. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String segment;
            try {
                segment = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
            out.add(segment);
        }
        return out;
    }

    private static boolean authorized(HttpExchange exchange, StorageSettings.WebSettings web) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (web.user() + ":" + web.password()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    /** An HTML page with {@code title} and one paragraph. */
    static void send(HttpExchange exchange, int status, String title, String text) throws IOException {
        html(exchange, status, Html.page(title, "<p>" + Html.escape(text) + "</p>\n"));
    }

    static void html(HttpExchange exchange, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
