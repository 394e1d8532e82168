package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.net.DestinationPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a source politely and warily: the operator's User-Agent, at most one request per {@code minDelay} per host,
 * a conditional GET with the validators of the last confirmed run, gzip, a size limit counted after decompression,
 * redirects followed by hand (at most {@link #MAX_REDIRECTS}) with every hop's addresses checked against the
 * {@link DestinationPolicy}, and one wait for {@code Retry-After} on 429 and 503.
 */
final class HarvesterFetcher {

    static final int MAX_REDIRECTS = 5;
    /** A longer Retry-After is not waited for: the source fails this run and the timer tries tomorrow. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** A fetched document, or {@code notModified} with no body when the server answered 304. */
    record Fetched(boolean notModified, byte[] body, HarvesterValidators.Validator validator) {
    }

    private final HttpClient client;
    private final HarvesterSettings settings;
    private final Map<String, Instant> lastRequest = new HashMap<>();
    private final Map<String, HarvesterRobots.Rules> robots = new HashMap<>();
    private final Clock clock = Clock.systemUTC();

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "harvester-read-watchdog");
                thread.setDaemon(true);
                return thread;
            });

    /** {@code in}, closed when a single read waits longer than {@code HARVESTER_TIMEOUT}. */
    private InputStream watched(InputStream in) {
        long millis = settings.timeout().toMillis();
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
                var alarm = WATCHDOG.schedule(() -> {
                    // Set before the close, so that the reader, woken by it, knows why.
                    fired.set(true);
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // closing is all the watchdog can do
                    }
                }, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
                try {
                    return super.read(buffer, offset, length);
                } catch (IOException e) {
                    throw fired.get() ? new IOException("no data for HARVESTER_TIMEOUT (" + millis + " ms)", e) : e;
                } finally {
                    alarm.cancel(false);
                }
            }
        };
    }

    HarvesterFetcher(HarvesterSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Fetched fetch(URI url, Optional<HarvesterValidators.Validator> known) throws IOException, InterruptedException {
        URI current = url;
        boolean retried = false;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HarvesterRobots.Rules rules = robots(current);
            String path = (current.getRawPath() == null || current.getRawPath().isEmpty() ? "/" : current.getRawPath())
                    + (current.getRawQuery() == null ? "" : "?" + current.getRawQuery());
            if (!rules.allows(path)) {
                throw new IOException(current + " is disallowed by its robots.txt for HARVESTER_USER_AGENT; not fetched");
            }
            checkDestination(current);
            pause(current.getHost(), rules);
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(settings.timeout()).GET()
                    .header("User-Agent", settings.userAgent()).header("Accept-Encoding", "gzip");
            if (hop == 0) {
                known.flatMap(HarvesterValidators.Validator::etag).ifPresent(v -> request.header("If-None-Match", v));
                known.flatMap(HarvesterValidators.Validator::lastModified).ifPresent(v -> request.header("If-Modified-Since", v));
            }
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status == 304) {
                response.body().close();
                return new Fetched(true, new byte[0], known.orElse(null));
            }
            if (status == 429 || status == 503) {
                response.body().close();
                Optional<Duration> wait = retryAfter(response);
                if (retried || wait.isEmpty() || wait.get().compareTo(MAX_RETRY_AFTER) > 0) {
                    throw new IOException(current + " answered " + status + (wait.isEmpty() ? "" : ", retry after "
                            + wait.get().toSeconds() + " s"));
                }
                retried = true;
                Thread.sleep(wait.get().toMillis());
                hop--;
                continue;
            }
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                current = redirect(current, response.headers().firstValue("Location").get());
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException(current + " answered HTTP " + status);
            }
            byte[] body = read(current, response);
            return new Fetched(false, body, new HarvesterValidators.Validator(
                    response.headers().firstValue("ETag"), response.headers().firstValue("Last-Modified")));
        }
        throw new IOException(url + " redirects more than " + MAX_REDIRECTS + " times");
    }

    private static URI redirect(URI from, String location) throws IOException {
        URI next = from.resolve(location.strip());
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
            throw new IOException(from + " redirects to " + next + ", which is not an http or https address");
        }
        return next;
    }

    /** Every address of the host must be allowed; a name that resolves anywhere forbidden is not fetched at all. */
    private void checkDestination(URI url) throws IOException {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (!settings.destinations().allows(address)) {
                throw new IOException(url + ": destination " + host + " is not allowed (HARVESTER_ALLOW_NETWORKS,"
                        + " HARVESTER_DENY_NETWORKS)");
            }
        }
    }

    /** The rules of the URL's host (scheme, host and port), read once per run; a 4xx means none, a 5xx all. */
    private HarvesterRobots.Rules robots(URI url) throws IOException, InterruptedException {
        String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
        HarvesterRobots.Rules known = robots.get(origin);
        if (known != null) {
            return known;
        }
        URI robotsUrl = URI.create(origin + "/robots.txt");
        checkDestination(robotsUrl);
        pause(url.getHost(), HarvesterRobots.ALLOW_ALL);
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(robotsUrl).timeout(settings.timeout())
                .GET().header("User-Agent", settings.userAgent()).build(), HttpResponse.BodyHandlers.ofInputStream());
        HarvesterRobots.Rules rules;
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
                byte[] text = body.readNBytes(HarvesterRobots.MAX_BYTES);
                rules = HarvesterRobots.parse(new String(text, java.nio.charset.StandardCharsets.UTF_8), settings.userAgent());
            } else if (status >= 500) {
                rules = HarvesterRobots.DISALLOW_ALL;
            } else {
                // 3xx (not followed) and 4xx: RFC 9309 allows everything.
                rules = HarvesterRobots.ALLOW_ALL;
            }
        }
        robots.put(origin, rules);
        return rules;
    }

    private void pause(String host, HarvesterRobots.Rules rules) throws InterruptedException {
        Instant last = lastRequest.get(host);
        Duration delay = rules.crawlDelay().filter(d -> d.compareTo(settings.minDelay()) > 0).orElse(settings.minDelay());
        if (last != null) {
            long wait = Duration.between(clock.instant(), last.plus(delay)).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        lastRequest.put(host, clock.instant());
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(text -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private byte[] read(URI url, HttpResponse<InputStream> response) throws IOException {
        long max = settings.maxBytes();
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (announced > max) {
            response.body().close();
            throw new IOException(url + " announces " + announced + " bytes, more than HARVESTER_MAX_BYTES (" + max + ")");
        }
        boolean gzip = response.headers().firstValue("Content-Encoding").map(e -> e.toLowerCase(Locale.ROOT).contains("gzip"))
                .orElse(false);
        InputStream raw = response.body();
        // The JDK's HttpClient has no read time-out on a body stream: a watchdog closes a stream that stalls.
        try (raw; InputStream in = gzip ? new GZIPInputStream(watched(raw)) : watched(raw)) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[64 << 10];
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (body.size() + (long) n > max) {
                    throw new IOException(url + " is larger than HARVESTER_MAX_BYTES (" + max + " bytes)");
                }
                body.write(chunk, 0, n);
            }
            return body.toByteArray();
        }
    }
}
