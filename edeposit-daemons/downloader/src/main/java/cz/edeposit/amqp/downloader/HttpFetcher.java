package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.BodyTooLarge;
import cz.edeposit.amqp.net.Deadline;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.HttpFailure;
import cz.edeposit.amqp.net.HttpResponse;
import cz.edeposit.amqp.net.PinnedHttp;
import cz.edeposit.amqp.net.Redirects;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * GET and HEAD with the downloader's limits, as the original did them with python-requests: GET
 * follows redirects (at most {@value Redirects#MAX}), HEAD does not; the body is streamed and
 * stopped as soon as it exceeds the size limit, stalls longer than the read time-out, or the
 * download outlasts the total time-out. Every hop goes only to addresses that {@link Destinations}
 * allowed, through core's {@link PinnedHttp}. HTTP/1.1, one request per connection, each sent once (no retry).
 */
final class HttpFetcher {

    private static final Map<String, String> HEADERS = headers();

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
    private final NetworkFailures failures;
    private final PinnedHttp http;

    HttpFetcher(DownloaderSettings limits) {
        this(limits, InetAddress::getAllByName, PinnedHttp::dial);
    }

    /** With another resolver and dialer: tests give names addresses and prove that nothing was connected to. */
    HttpFetcher(DownloaderSettings limits, DestinationPolicy.Resolver resolver, PinnedHttp.Dialer dialer) {
        this(limits, resolver, dialer, PinnedHttp.DEFAULT_TLS);
    }

    /** With another TLS setup too: tests trust a CA of their own. */
    HttpFetcher(DownloaderSettings limits, DestinationPolicy.Resolver resolver, PinnedHttp.Dialer dialer,
                PinnedHttp.Tls tls) {
        this.limits = limits;
        this.failures = new NetworkFailures(limits);
        this.destinations = new Destinations(limits.destinations(), resolver, failures);
        this.http = new PinnedHttp(limits.connectTimeout(), limits.readTimeout(), tls, dialer);
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
        Deadline deadline = Deadline.after(limits.totalTimeout());
        URI current = uri;
        for (int hop = 0; ; hop++) {
            try (HttpResponse response = send(current, "GET", deadline)) {
                int status = response.status();
                String location = response.header("Location").orElse(null);
                if (Redirects.isRedirect(status) && location != null) {
                    current = redirect(uri, current, status, location, hop);
                    continue;
                }
                checkStatus(uri, current, status, location);
                long length = response.contentLength();
                Base64Body base64 = new Base64Body();
                try {
                    response.copyBody(false, limits.maxSize(), (piece, count, total) -> {
                        base64.add(ByteBuffer.wrap(piece, 0, count));
                        listener.received(total, length);
                    });
                } catch (BodyTooLarge e) {
                    throw tooLarge(current, e.announced() >= 0 ? "announces " + e.announced() + " bytes (Content-Length)"
                            : "sent more than " + limits.maxSize() + " bytes");
                } catch (HttpFailure e) {
                    throw failures.of(current, e, deadline);
                }
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
        try (HttpResponse response = send(uri, "HEAD", Deadline.after(limits.totalTimeout()))) {
            return new Head(response.status(), joined(response));
        }
    }

    private HttpResponse send(URI uri, String method, Deadline deadline) throws InterruptedException {
        if (uri.getPort() > 65535) {
            throw new InvalidURL("Invalid URL " + UrlPolicy.shown(uri.toString()) + ": port out of range: " + uri.getPort());
        }
        try {
            return http.send(method, uri, destinations.check(uri), HEADERS, deadline);
        } catch (HttpFailure e) {
            throw failures.of(uri, e, deadline);
        }
    }

    /** The next URL of a redirect; only http(s), never from https to http, at most {@value Redirects#MAX} times. */
    private static URI redirect(URI requested, URI current, int status, String location, int hop) {
        String reason;
        try {
            URI next = Redirects.next(current, location);
            UrlPolicy.check(next.toString()); // the downloader's own limits on a URL, its length among them
            if (hop < Redirects.MAX) {
                return next;
            }
            reason = "more than " + Redirects.MAX + " redirects";
        } catch (Redirects.Refused e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            reason = "not an http or https URL";
        }
        throw new HTTPError(status + " Redirection not followed (to " + UrlPolicy.shorten(UrlPolicy.masked(location))
                + ": " + reason + ") " + at(requested, current));
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

    private static Map<String, String> joined(HttpResponse response) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().forEach((name, values) ->
                map.put(HeaderNames.usual(name.toLowerCase(Locale.ROOT)), String.join(", ", values)));
        return map;
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "edeposit-downloader");
        headers.put("Accept", "*/*");
        headers.put("Accept-Encoding", "identity");
        return Collections.unmodifiableMap(headers);
    }
}
