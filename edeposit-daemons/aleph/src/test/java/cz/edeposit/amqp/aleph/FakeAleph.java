package cz.edeposit.amqp.aleph;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that plays Aleph: X-Services ({@code /X}) answering from the
 * fixtures in {@code src/test/resources/aleph}, and the e-deposit export form, which rejects an
 * ISBN it has already received, as the catalogue does with duplicates.
 *
 * <p>Every request is recorded for the tests to inspect. Public, in the test-jar, for the distribution's test of the
 * harvester's Aleph filter.
 */
public final class FakeAleph implements AutoCloseable {

    /** One request as the server received it. */
    public record Received(String method, String path, String rawQuery, Map<String, List<String>> params,
                    Map<String, List<String>> headers, String body) {

        public String param(String name) {
            List<String> values = params.get(name);
            return values == null ? null : values.get(0);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    static final String EXPORT_PATH = "/aleph-cgi/e-deposit";

    private final HttpServer server;
    private final Map<String, String> finds = new ConcurrentHashMap<>();
    private final Map<String, String> presents = new ConcurrentHashMap<>();
    private final Map<String, String> findDocs = new ConcurrentHashMap<>();
    private final Set<String> exportedIsbns = new HashSet<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int failWithStatus;
    private volatile String rawAnswer;

    FakeAleph() throws IOException {
        // Headers and body go out in two writes; without TCP_NODELAY each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/X", this::xServices);
        server.createContext(EXPORT_PATH, this::exportForm);
        server.start();
    }

    /** The catalogue every test searches: an ISBN with two records, a title, a periodical, documents. */
    public static FakeAleph withCatalogue() throws IOException {
        FakeAleph aleph = new FakeAleph();
        aleph.find("sbn=978-80-7422-551-2", "nkc", "find-hits.xml");
        aleph.present("004217", 1, "present-monograph.xml");
        aleph.present("004217", 2, "present-closed.xml");
        aleph.find("wtl=Zahrady jižní Moravy", "nkc", "find-one.xml");
        aleph.present("004218", 1, "present-monograph.xml");
        aleph.find("wtl=Moravský zahradník", "cze-dep", "find-periodical.xml");
        aleph.present("004220", 1, "present-periodical.xml");
        aleph.find("icz=nkc20150019876", "nkc", "find-deleted.xml");
        aleph.present("004221", 1, "present-deleted.xml");
        aleph.find("wau=Lipková", "nkc", "find-many.xml");
        aleph.find("sbn=978-80-7422-551-2", "XYZ01", "find-bad-base.xml");
        aleph.findDoc("000023401", "CZE01", "find-doc-closed.xml");
        aleph.findDoc("000023401", "XYZ01", "find-doc-bad-base.xml");
        return aleph;
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** {@code find} with {@code request=<fieldAndPhrase>&base=<base>} answers {@code fixture}. */
    public void find(String fieldAndPhrase, String base, String fixture) {
        finds.put(fieldAndPhrase + "|" + base, fixture);
    }

    /** {@code present} of entry {@code entry} in {@code setNumber} answers {@code fixture}. */
    void present(String setNumber, int entry, String fixture) {
        presents.put(setNumber + "|" + entry, fixture);
    }

    /** {@code find_doc} of {@code docNumber} in {@code base} answers {@code fixture}. */
    void findDoc(String docNumber, String base, String fixture) {
        findDocs.put(docNumber + "|" + base, fixture);
    }

    /** Every following request is answered with this HTTP status and an HTML error page. */
    void failWith(int status) {
        failWithStatus = status;
    }

    /** Every following X-Services request is answered with this text. */
    void answerRaw(String text) {
        rawAnswer = text;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String op) {
        List<Received> out = new ArrayList<>();
        for (Received request : received) {
            if (op.equals(request.param("op"))) {
                out.add(request);
            }
        }
        return out;
    }

    List<Received> exports() {
        List<Received> out = new ArrayList<>();
        for (Received request : received) {
            if (request.path().equals(EXPORT_PATH)) {
                out.add(request);
            }
        }
        return out;
    }

    private void xServices(HttpExchange exchange) throws IOException {
        Received request = record(exchange);
        if (failWithStatus != 0) {
            respond(exchange, failWithStatus, Map.of(), "<html><body>Service unavailable</body></html>");
            return;
        }
        if (rawAnswer != null) {
            respond(exchange, 200, Map.of(), rawAnswer);
            return;
        }
        String op = request.param("op");
        String fixture = switch (op == null ? "" : op) {
            case "find" -> finds.getOrDefault(request.param("request") + "|" + request.param("base"), "find-empty.xml");
            case "present" -> presentFixture(request);
            case "find_doc" -> findDocs.getOrDefault(request.param("doc_num") + "|" + request.param("base"),
                    "find-doc-missing.xml");
            default -> null;
        };
        if (fixture == null) {
            respond(exchange, 400, Map.of(), "<html><body>Unknown op</body></html>");
            return;
        }
        respond(exchange, 200, Map.of("Content-Type", "text/xml; charset=UTF-8"), fixture(fixture));
    }

    // The large author set answers every entry with the same record; everything else is listed.
    private String presentFixture(Received request) {
        String setNumber = request.param("set_number");
        if ("004219".equals(setNumber)) {
            return "present-monograph.xml";
        }
        return presents.get(setNumber + "|" + Integer.parseInt(request.param("set_entry")));
    }

    private synchronized void exportForm(HttpExchange exchange) throws IOException {
        Received request = record(exchange);
        if (failWithStatus != 0) {
            respond(exchange, failWithStatus, Map.of(), "<html><body>Internal error</body></html>");
            return;
        }
        String isbn = request.param("P0501010__a");
        if (!"POST".equals(request.method()) || isbn == null) {
            respond(exchange, 200, Map.of("aleph-info", "error: no ISBN in the form"), "<html>Chyba</html>");
        } else if (!exportedIsbns.add(isbn)) {
            respond(exchange, 200, Map.of("aleph-info", "Error: ISBN " + isbn + " already announced"),
                    "<html><body>ISBN již bylo ohlášeno</body></html>");
        } else {
            respond(exchange, 200, Map.of("aleph-info", "ok"), "<html><body>Záznam byl uložen</body></html>");
        }
    }

    private Received record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> params = decode(rawQuery);
        if (exchange.getRequestMethod().equals("POST")) {
            decode(body).forEach((name, values) -> params.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
        }
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rawQuery,
                params, Map.copyOf(exchange.getRequestHeaders()), body);
        received.add(request);
        return request;
    }

    private static Map<String, List<String>> decode(String form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return out;
    }

    static String fixture(String name) {
        try (InputStream in = FakeAleph.class.getResourceAsStream("/aleph/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture aleph/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
