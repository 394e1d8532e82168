package cz.edeposit.amqp.downloader;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * GET and HEAD with the downloader's limits, as the original did them with python-requests: GET
 * follows redirects, HEAD does not; the body is streamed and stopped as soon as it exceeds the size
 * limit or stalls longer than the read timeout. HTTP/1.1 only, the protocol every server speaks.
 */
final class HttpFetcher {

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

    /** GET follows redirects, HEAD does not. */
    private record Clients(HttpClient following, HttpClient notFollowing) {
    }

    private final DownloaderSettings limits;
    private final CompletableFuture<Clients> clients;
    private final NetworkFailures failures;

    HttpFetcher(DownloaderSettings limits) {
        this.limits = limits;
        // Building a client loads the JDK's TLS setup and trust store, a second of CPU on a slow
        // host: done beside the broker connection, not before it, so the daemon consumes sooner.
        this.clients = CompletableFuture.supplyAsync(() -> new Clients(
                client(limits, HttpClient.Redirect.NORMAL), client(limits, HttpClient.Redirect.NEVER)));
        this.failures = new NetworkFailures(limits);
    }

    private static HttpClient client(DownloaderSettings limits, HttpClient.Redirect redirects) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.connectTimeout())
                .followRedirects(redirects)
                .build();
    }

    /**
     * The whole body of a GET of {@code uri}.
     *
     * @throws HTTPError        for a final status of 300 or more
     * @throws ContentTooLarge  when the body is larger than the size limit
     * @throws ConnectionError  for a network failure or timeout
     */
    Body get(URI uri, BodyListener listener) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.readTimeout()).GET().build();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response =
                send(clients.join().following(), request, BodyHandlers.ofPublisher());
        BodyQueue body = new BodyQueue();
        response.body().subscribe(body);
        try {
            checkStatus(uri, response);
            long length = contentLength(response.headers());
            if (length > limits.maxSize()) {
                throw tooLarge(uri, "announces " + length + " bytes (Content-Length)");
            }
            Base64Body base64 = read(uri, body, length, listener);
            return new Body(base64.text(), base64.size(), length);
        } finally {
            body.cancel();
        }
    }

    /**
     * The answer to a HEAD of {@code uri}, whatever its status; a redirect is reported, not followed.
     *
     * @throws ConnectionError for a network failure or timeout
     */
    Head head(URI uri) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.readTimeout())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> response = send(clients.join().notFollowing(), request, BodyHandlers.discarding());
        return new Head(response.statusCode(), joined(response.headers()));
    }

    private <T> HttpResponse<T> send(HttpClient client, HttpRequest request, BodyHandler<T> handler)
            throws InterruptedException {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw failures.describe(request.uri(), e);
        } catch (IllegalArgumentException e) {
            // What URI parsing lets through but a connection cannot use, such as port 99999.
            throw new InvalidURL("Invalid URL " + UrlPolicy.shown(request.uri().toString()) + ": " + e.getMessage(), e);
        }
    }

    private Base64Body read(URI uri, BodyQueue body, long length, BodyListener listener) throws Exception {
        Base64Body out = new Base64Body();
        long downloaded = 0;
        while (true) {
            List<ByteBuffer> piece;
            try {
                piece = body.next(limits.readTimeout());
            } catch (IOException e) {
                throw failures.describe(uri, e);
            }
            if (piece == null) {
                return out;
            }
            for (ByteBuffer buffer : piece) {
                int count = buffer.remaining();
                if (downloaded + count > limits.maxSize()) {
                    throw tooLarge(uri, "sent more than " + limits.maxSize() + " bytes");
                }
                out.add(buffer);
                downloaded += count;
            }
            listener.received(downloaded, length);
        }
    }

    private static void checkStatus(URI uri, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status < 300) {
            return;
        }
        String at = "for url: " + response.uri() + (response.uri().equals(uri) ? "" : " (redirected from " + uri + ")");
        if (status < 400) {
            Optional<String> location = response.headers().firstValue("Location");
            throw new HTTPError(status + " Redirection not followed (to " + location.orElse("no Location")
                    + "; too many redirects, or from https to http) " + at);
        }
        throw new HTTPError(status + (status < 500 ? " Client Error " : " Server Error ") + at);
    }

    private static long contentLength(HttpHeaders headers) {
        try {
            return headers.firstValueAsLong("Content-Length").orElse(-1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ContentTooLarge tooLarge(URI uri, String what) {
        return new ContentTooLarge("the body of " + uri + " " + what + ", over the limit of " + limits.maxSize()
                + " bytes (DOWNLOADER_MAX_SIZE in downloader.json)");
    }

    private static Map<String, String> joined(HttpHeaders headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                map.put(HeaderNames.usual(name), String.join(", ", values));
            }
        });
        return map;
    }
}
