package cz.edeposit.amqp.downloader;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * GET and HEAD with the downloader's limits, as the original did them with python-requests: GET
 * follows redirects (at most {@value #MAX_REDIRECTS}), HEAD does not; the body is streamed and
 * stopped as soon as it exceeds the size limit, stalls longer than the read time-out, or the
 * download outlasts the total time-out. Every hop goes only to addresses that {@link Destinations}
 * allowed. HTTP/1.1, one request per connection, each sent once (no retry).
 */
final class HttpFetcher {

    /** As java.net.http, which the downloader used before, and as docs/downloader.md says. */
    static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int PIECE = 64 * 1024;

    /** Told after every piece of a body: bytes so far, and the announced length or -1. */
    @FunctionalInterface
    interface BodyListener {
        void received(long downloaded, long contentLength) throws Exception;
    }

    /**
     * A complete body: its base64, as the reply carries it ({@link Base64Body}: the raw bytes are
     * never held whole), its size in bytes, and its announced length or -1.
     */
    record Body(String base64, long size, long contentLength) {
    }

    /**
     * The status and headers of a HEAD response: names in their usual spelling ({@link HeaderNames}),
     * repeated headers joined with {@code ", "}.
     */
    record Head(int status, Map<String, String> headers) {
    }

    private final DownloaderSettings limits;
    private final Destinations destinations;
    private final HttpExchange.Setup setup;

    HttpFetcher(DownloaderSettings limits) {
        this(limits, InetAddress::getAllByName, HttpExchange::dial);
        // Loading the JDK's TLS setup and trust store is a second of CPU on a slow host: done
        // beside the broker connection, not before it (docs/performance.md), nor in the first request.
        CompletableFuture.runAsync(LazyTls::load);
    }

    /** With another resolver and dialer: tests give names addresses and prove that nothing was connected to. */
    HttpFetcher(DownloaderSettings limits, Destinations.Resolver resolver, HttpExchange.Dialer dialer) {
        this(limits, resolver, dialer, () -> LazyTls.INSTANCE);
    }

    /** With another TLS setup too: tests trust a CA of their own. */
    HttpFetcher(DownloaderSettings limits, Destinations.Resolver resolver, HttpExchange.Dialer dialer,
                Supplier<SSLSocketFactory> tls) {
        this.limits = limits;
        NetworkFailures failures = new NetworkFailures(limits);
        this.destinations = new Destinations(limits.destinations(), resolver, failures);
        this.setup = new HttpExchange.Setup(limits, failures, tls, dialer);
    }

    /**
     * The whole body of a GET of {@code uri}, after redirects.
     *
     * @throws HTTPError        for a final status of 300 or more
     * @throws ContentTooLarge  when the body is larger than the size limit
     * @throws ConnectionError  for a network failure or time-out
     * @throws InvalidURL       when a destination is not allowed
     */
    Body get(URI uri, BodyListener listener) throws Exception {
        Deadline deadline = new Deadline(limits.totalTimeout());
        URI current = uri;
        for (int hop = 0; ; hop++) {
            try (HttpExchange exchange = send(current, "GET", deadline)) {
                int status = exchange.status();
                String location = exchange.header("Location");
                if (REDIRECTS.contains(status) && location != null) {
                    current = redirect(uri, current, status, location, hop);
                    continue;
                }
                checkStatus(uri, current, status, location);
                long length = exchange.contentLength();
                if (length > limits.maxSize()) {
                    throw tooLarge(current, "announces " + length + " bytes (Content-Length)");
                }
                Base64Body base64 = read(current, exchange.body("GET"), length, listener, deadline);
                return new Body(base64.text(), base64.size(), length);
            }
        }
    }

    /**
     * The answer to a HEAD of {@code uri}, whatever its status; a redirect is reported, not followed.
     *
     * @throws ConnectionError for a network failure or time-out
     * @throws InvalidURL      when the destination is not allowed
     */
    Head head(URI uri) throws InterruptedException {
        try (HttpExchange exchange = send(uri, "HEAD", new Deadline(limits.totalTimeout()))) {
            return new Head(exchange.status(), joined(exchange));
        }
    }

    private HttpExchange send(URI uri, String method, Deadline deadline) throws InterruptedException {
        if (uri.getPort() > 65535) {
            throw new InvalidURL("Invalid URL " + UrlPolicy.shown(uri.toString()) + ": port out of range: " + uri.getPort());
        }
        return HttpExchange.send(setup, uri, method, destinations.check(uri), deadline);
    }

    /** The next URL of a redirect; only http(s), never from https to http, at most {@value #MAX_REDIRECTS} times. */
    private static URI redirect(URI requested, URI current, int status, String location, int hop) {
        URI next = resolve(current, location);
        String reason = null;
        if (next == null) {
            reason = "not an http or https URL";
        } else if (hop >= MAX_REDIRECTS) {
            reason = "more than " + MAX_REDIRECTS + " redirects";
        } else if (current.getScheme().equalsIgnoreCase("https") && next.getScheme().equalsIgnoreCase("http")) {
            reason = "from https to http";
        }
        if (reason != null) {
            throw new HTTPError(status + " Redirection not followed (to " + UrlPolicy.shorten(UrlPolicy.masked(location))
                    + ": " + reason + ") " + at(requested, current));
        }
        return next;
    }

    /** {@code location} against {@code current}, as an http(s) URL with a host, or null. */
    private static URI resolve(URI current, String location) {
        try {
            URI target = current.resolve(new URI(UrlPolicy.requote(location.strip())));
            return UrlPolicy.check(target.toString());
        } catch (RuntimeException | URISyntaxException e) {
            return null;
        }
    }

    private Base64Body read(URI uri, InputStream body, long length, BodyListener listener, Deadline deadline)
            throws Exception {
        Base64Body out = new Base64Body();
        byte[] piece = new byte[PIECE];
        long downloaded = 0;
        while (true) {
            int count;
            try {
                count = body.read(piece, 0, piece.length);
            } catch (IOException e) {
                NetworkFailures.throwIfInterrupted(e);
                throw setup.failures().reading(uri, e, deadline);
            }
            if (count < 0) {
                return out;
            }
            if (downloaded + count > limits.maxSize()) {
                throw tooLarge(uri, "sent more than " + limits.maxSize() + " bytes");
            }
            out.add(ByteBuffer.wrap(piece, 0, count));
            downloaded += count;
            listener.received(downloaded, length);
        }
    }

    private static void checkStatus(URI requested, URI current, int status, String location) {
        if (status < 300) {
            return;
        }
        if (status < 400) {
            throw new HTTPError(status + " Redirection not followed (to "
                    + (location == null ? "no Location" : UrlPolicy.shorten(UrlPolicy.masked(location)))
                    + ") " + at(requested, current));
        }
        throw new HTTPError(status + (status < 500 ? " Client Error " : " Server Error ") + at(requested, current));
    }

    private static String at(URI requested, URI current) {
        return "for url: " + UrlPolicy.safe(current)
                + (current.equals(requested) ? "" : " (redirected from " + UrlPolicy.safe(requested) + ")");
    }

    private ContentTooLarge tooLarge(URI uri, String what) {
        return new ContentTooLarge("the body of " + UrlPolicy.safe(uri) + " " + what + ", over the limit of "
                + limits.maxSize() + " bytes (DOWNLOADER_MAX_SIZE in downloader.json)");
    }

    private static Map<String, String> joined(HttpExchange exchange) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.headers().forEach((name, values) ->
                map.put(HeaderNames.usual(name.toLowerCase(Locale.ROOT)), String.join(", ", values)));
        return map;
    }

    /** The JDK's default TLS, made once, in the background at start or by the first https URL. */
    private static final class LazyTls {
        static final SSLSocketFactory INSTANCE = (SSLSocketFactory) SSLSocketFactory.getDefault();

        static void load() {
            INSTANCE.getDefaultCipherSuites();
        }
    }
}
