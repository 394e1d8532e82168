package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.net.BodyTooLarge;
import cz.edeposit.amqp.net.Deadline;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.DestinationRefused;
import cz.edeposit.amqp.net.HttpFailure;
import cz.edeposit.amqp.net.HttpResponse;
import cz.edeposit.amqp.net.HttpUris;
import cz.edeposit.amqp.net.PinnedHttp;
import cz.edeposit.amqp.net.Redirects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches a source politely and warily: the operator's User-Agent, at most one request per {@code minDelay} per host,
 * a conditional GET with the validators of the last confirmed run, gzip, a size limit counted after decompression,
 * redirects followed by hand (at most {@link Redirects#MAX}, never from https to http) with every hop's addresses
 * checked against the {@link DestinationPolicy}, and one wait for {@code Retry-After} on 429 and 503. Each host is resolved once per run
 * and every connection to it goes to one of exactly those checked addresses (core's {@link PinnedHttp}), so that a
 * DNS answer that changes during the run (DNS rebinding) cannot reach a forbidden address. One document, its robots.txt,
 * redirects, waits and body included, takes at most {@code HARVESTER_TOTAL_TIMEOUT} (core's {@link Deadline}, as the
 * downloader's total time-out), so a server that trickles a byte just within each read time-out cannot hold a run.
 */
final class HarvesterFetcher {

    /** A longer Retry-After is not waited for: the source fails this run and the timer tries tomorrow. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** A fetched document, or {@code notModified} with no body when the server answered 304. */
    record Fetched(boolean notModified, Path file, HarvesterValidators.Validator validator) implements AutoCloseable {

        /** The document, read from its temporary file. */
        InputStream open() throws IOException {
            return file == null ? InputStream.nullInputStream()
                    : new java.io.BufferedInputStream(Files.newInputStream(file), 64 << 10);
        }

        /** The whole document in memory (an html page, a test). */
        byte[] body() throws IOException {
            return file == null ? new byte[0] : Files.readAllBytes(file);
        }

        /** Deletes the temporary file. */
        @Override
        public void close() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private final HarvesterSettings settings;
    private final DestinationPolicy.Resolver resolver;
    private final PinnedHttp http;
    private final Map<String, List<InetAddress>> checked = new HashMap<>();
    private final Map<String, Instant> lastRequest = new HashMap<>();
    private final Map<String, HarvesterRobots.Rules> robots = new HashMap<>();
    private final Clock clock = Clock.systemUTC();

    HarvesterFetcher(HarvesterSettings settings) {
        this(settings, InetAddress::getAllByName, PinnedHttp.DEFAULT_TLS);
    }

    HarvesterFetcher(HarvesterSettings settings, DestinationPolicy.Resolver resolver, PinnedHttp.Tls tls) {
        this.settings = settings;
        this.resolver = resolver;
        // HARVESTER_TIMEOUT bounds the connect and handshake, the wait for the head and each read of the body;
        // the Deadline of each fetch (HARVESTER_TOTAL_TIMEOUT) bounds all of them together.
        this.http = new PinnedHttp(settings.timeout(), settings.timeout(), tls, PinnedHttp::dial);
    }

    private HttpResponse send(URI url, Map<String, String> headers, Deadline deadline)
            throws IOException, InterruptedException {
        List<InetAddress> addresses = checkDestination(url);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("User-Agent", settings.userAgent());
        all.putAll(headers);
        try {
            return http.send("GET", url, addresses, all, deadline);
        } catch (HttpFailure e) {
            throw failed(url, e, deadline);
        }
    }

    private IOException failed(URI url, HttpFailure e, Deadline deadline) {
        if (e.kind() == HttpFailure.Kind.TIMED_OUT) {
            return timedOut(url, e, deadline);
        }
        return new IOException(url + ": " + e.getMessage(), e);
    }

    /** A time-out names the total one once the fetch's deadline has passed, else the time-out of each step. */
    private IOException timedOut(URI url, IOException e, Deadline deadline) {
        if (deadline.passed()) {
            return new IOException(url + ": the fetch took longer than HARVESTER_TOTAL_TIMEOUT ("
                    + settings.totalTimeout().toMillis() + " ms)", e);
        }
        return new IOException(url + ": no data for HARVESTER_TIMEOUT (" + settings.timeout().toMillis() + " ms)", e);
    }

    Fetched fetch(URI url, Optional<HarvesterValidators.Validator> known) throws IOException, InterruptedException {
        Deadline deadline = Deadline.after(settings.totalTimeout());
        URI current = url;
        boolean retried = false;
        for (int hop = 0; hop <= Redirects.MAX; hop++) {
            HarvesterRobots.Rules rules = robots(current, deadline);
            String path = (current.getRawPath() == null || current.getRawPath().isEmpty() ? "/" : current.getRawPath())
                    + (current.getRawQuery() == null ? "" : "?" + current.getRawQuery());
            if (!rules.allows(path)) {
                throw new IOException(current + " is disallowed by its robots.txt for HARVESTER_USER_AGENT; not fetched");
            }
            pause(current.getHost(), rules);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept-Encoding", "gzip");
            if (hop == 0) {
                known.flatMap(HarvesterValidators.Validator::etag).ifPresent(v -> headers.put("If-None-Match", v));
                known.flatMap(HarvesterValidators.Validator::lastModified).ifPresent(v -> headers.put("If-Modified-Since", v));
            }
            HttpResponse response = send(current, headers, deadline);
            int status = response.status();
            if (status == 304) {
                response.close();
                return new Fetched(true, null, known.orElse(null));
            }
            if (status == 429 || status == 503) {
                response.close();
                Optional<Duration> wait = retryAfter(response);
                Optional<String> notWaited = notWaitedFor(wait, retried);
                if (notWaited.isPresent()) {
                    throw new IOException(current + " answered " + status + (wait.isEmpty() ? "" : ", retry after "
                            + wait.get().toSeconds() + " s") + notWaited.get());
                }
                retried = true;
                Thread.sleep(wait.get().toMillis());
                hop--;
                continue;
            }
            if (Redirects.isRedirect(status) && response.header("Location").isPresent()) {
                response.close();
                current = redirect(current, response.header("Location").get());
                continue;
            }
            if (status != 200) {
                response.close();
                throw new IOException(current + " answered HTTP " + status);
            }
            Path body = read(current, response, deadline);
            return new Fetched(false, body, new HarvesterValidators.Validator(
                    response.header("ETag"), response.header("Last-Modified")));
        }
        throw new IOException(url + " redirects more than " + Redirects.MAX + " times");
    }

    private static URI redirect(URI from, String location) throws IOException {
        try {
            return Redirects.next(from, location);
        } catch (Redirects.Refused e) {
            throw new IOException(from + " redirects where the harvester does not follow: " + e.getMessage(), e);
        }
    }

    /**
     * The addresses of the URL's host, looked up once per run and every one of them allowed; a name that resolves
     * anywhere forbidden is not fetched at all. Later requests to the host connect to these addresses only.
     */
    private List<InetAddress> checkDestination(URI url) throws IOException {
        String host = HttpUris.bare(url.getHost()).toLowerCase(Locale.ROOT);
        List<InetAddress> known = checked.get(host);
        if (known != null) {
            return known;
        }
        try {
            List<InetAddress> addresses = settings.destinations().check(host, resolver);
            checked.put(host, addresses);
            return addresses;
        } catch (DestinationRefused e) {
            throw new IOException(url + ": " + e.getMessage() + " (HARVESTER_ALLOW_NETWORKS, HARVESTER_DENY_NETWORKS)");
        }
    }

    /**
     * The rules of the URL's host (scheme, host and port), read once per run; a 4xx means none, a 5xx all. Read within
     * the deadline of the document that needs them.
     */
    private HarvesterRobots.Rules robots(URI url, Deadline deadline) throws IOException, InterruptedException {
        String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority();
        HarvesterRobots.Rules known = robots.get(origin);
        if (known != null) {
            return known;
        }
        URI robotsUrl = URI.create(origin + "/robots.txt");
        pause(url.getHost(), HarvesterRobots.ALLOW_ALL);
        HarvesterRobots.Rules rules;
        try (HttpResponse response = send(robotsUrl, Map.of(), deadline)) {
            int status = response.status();
            if (status == 200) {
                byte[] text;
                try {
                    text = response.body().readNBytes(HarvesterRobots.MAX_BYTES);
                } catch (SocketTimeoutException e) {
                    throw timedOut(robotsUrl, e, deadline);
                }
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

    /** Why a 429 or 503 is not waited for and retried (the text ends the failure's message), or empty to wait. */
    private Optional<String> notWaitedFor(Optional<Duration> wait, boolean retried) {
        if (wait.isEmpty()) {
            return Optional.of("");
        }
        if (retried) {
            return Optional.of(" (a second time: not waited for again)");
        }
        if (wait.get().compareTo(MAX_RETRY_AFTER) > 0) {
            return Optional.of(" (longer than the " + MAX_RETRY_AFTER.toMinutes() + " min the harvester waits)");
        }
        // A wait as long as the total time-out would only end in it.
        if (wait.get().compareTo(settings.totalTimeout()) >= 0) {
            return Optional.of(" (not shorter than HARVESTER_TOTAL_TIMEOUT, " + settings.totalTimeout().toSeconds()
                    + " s)");
        }
        return Optional.empty();
    }

    private static Optional<Duration> retryAfter(HttpResponse response) {
        return response.header("Retry-After").flatMap(text -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private Path read(URI url, HttpResponse response, Deadline deadline) throws IOException, InterruptedException {
        long max = settings.maxBytes();
        // The document goes to a temporary file, not the heap: a 50 MiB ONIX file is parsed from there a product at
        // a time.
        Path file = Files.createTempFile("edeposit-harvester-fetch", ".body");
        try (response; OutputStream out = Files.newOutputStream(file)) {
            response.copyBody(true, max, (piece, length, total) -> out.write(piece, 0, length));
            return file;
        } catch (BodyTooLarge e) {
            Files.deleteIfExists(file);
            throw new IOException(url + (e.announced() >= 0 ? " announces " + e.announced()
                    + " bytes, more than HARVESTER_MAX_BYTES (" + max + ")"
                    : " is larger than HARVESTER_MAX_BYTES (" + max + " bytes)"), e);
        } catch (HttpFailure e) {
            Files.deleteIfExists(file);
            throw failed(url, e, deadline);
        } catch (Exception e) {
            Files.deleteIfExists(file); // and rethrown as it was: an I/O failure, an interrupt or a bug
            throw e;
        }
    }
}
