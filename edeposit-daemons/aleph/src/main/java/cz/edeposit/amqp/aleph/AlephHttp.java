package cz.edeposit.amqp.aleph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The daemon's HTTP/1.1 client for the catalogue: paced by a {@link RequestPacer}, time-limited,
 * and refusing answers larger than a limit. It reports transport problems as {@link IOException}s;
 * callers turn them into the exception their clients expect.
 */
final class AlephHttp {

    /** An answer: status, headers and the body decoded as text. */
    record Response(int status, HttpHeaders headers, String body) {
    }

    private static final String USER_AGENT = "edeposit-alephd";

    private final Supplier<HttpClient> clients;
    private HttpClient client;
    private final RequestPacer pacer;
    private final Duration timeout;
    private final long maxBytes;

    AlephHttp(AlephSettings settings) {
        // Built at the first request, not at start: the JDK's client sets up TLS (about 650 classes with
        // the trusted certificates) and a selector thread, which a daemon that only validates ISBNs
        // never needs (docs/performance.md, Memory).
        this(() -> HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build(),
                new RequestPacer(settings.requestsPerSecond()), settings.requestTimeout(), settings.maxResponseBytes());
    }

    AlephHttp(HttpClient client, RequestPacer pacer, Duration timeout, long maxBytes) {
        this(() -> client, pacer, timeout, maxBytes);
    }

    private AlephHttp(Supplier<HttpClient> clients, RequestPacer pacer, Duration timeout, long maxBytes) {
        this.clients = clients;
        this.pacer = pacer;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    Response get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** POSTs {@code fields} as {@code application/x-www-form-urlencoded} UTF-8, in the given order. */
    Response postForm(URI uri, List<Map.Entry<String, String>> fields, Map<String, String> headers)
            throws IOException, InterruptedException {
        StringJoiner form = new StringJoiner("&");
        for (Map.Entry<String, String> field : fields) {
            form.add(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request);
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        pacer.await();
        HttpResponse<InputStream> response = client().send(
                request.timeout(timeout).header("User-Agent", USER_AGENT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException("the answer of " + response.uri() + " is larger than " + maxBytes
                        + " bytes (ALEPH_MAX_RESPONSE_BYTES)");
            }
            return new Response(response.statusCode(), response.headers(), new String(bytes, charset(response.headers())));
        }
    }

    // X-Services answers in UTF-8; honour another charset only when the server names one.
    private static Charset charset(HttpHeaders headers) {
        String type = headers.firstValue("Content-Type").orElse("");
        for (String parameter : type.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
