package cz.edeposit.amqp.net;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP/1.1 client that sends one request per connection ({@code Connection: close}) to exactly one of the
 * addresses the caller checked with its {@link DestinationPolicy}, so that a DNS answer that changes after the check
 * (DNS rebinding) cannot lead it anywhere the policy forbids: java.net.http resolves names itself when it connects
 * and offers no hook in Java 17. TLS is the JDK's, the certificate checked against the URL's host, which is also sent
 * as SNI. Every connect and handshake waits at most the connect time-out, every read the read time-out, and all of
 * them at most until the {@link Deadline}; each request is sent once, never retried.
 */
public final class PinnedHttp {

    /** Opens a TCP connection to a checked address; a seam so that tests can prove none was opened. */
    @FunctionalInterface
    public interface Dialer {
        Socket dial(InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    /** The socket factory for https; a test gives one that trusts its own certificate authority. */
    @FunctionalInterface
    public interface Tls {
        SSLSocketFactory factory() throws IOException;
    }

    /**
     * The JDK's default TLS and trust store, made once, by the first https URL: not at start, since setting it up loads
     * about 400 classes and parses every trusted certificate into the heap, which a daemon that fetches only http never
     * needs (docs/performance.md, "Fewer classes").
     */
    public static final Tls DEFAULT_TLS = () -> LazyTls.INSTANCE;

    /**
     * The most TLS sessions a client context keeps for resumption. The JDK keeps 20 480 for a day, all in the heap,
     * each with the peer's certificates; and in JDK 17 every session resumed from a ticket, with the tickets issued on
     * it, stays reachable from the first session of that host, so one session left in the cache holds all the later
     * ones (about 1 100 after as many downloads from one server in scripts/measure-rss). With 64, once the cache is
     * full (soon, with many hosts) the oldest session leaves it with all it holds; one server alone never fills it. A few
     * dozen hosts at a time is what a burst of downloads resumes; an evicted session only costs the next connection
     * to that host a full handshake, with the same checks. A closed SSLSocket also keeps its session, and with it
     * every later session of that host, until the JVM has run its finalizer, which for a socket in the old
     * generation waits for a full collection; this the bound does not limit. Ending each session with its
     * connection would (no resumption: a full handshake for every download), but measured 5-15 % more CPU per
     * https download in scripts/measure-rss and no less resident memory (docs/performance.md, "What the heaps and
     * the class archives keep").
     */
    static final int SESSION_CACHE_SIZE = 64;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Tls tls;
    private final Dialer dialer;

    /** A client with these time-outs, TLS and dialer ({@link #dial} for the daemons). */
    public PinnedHttp(Duration connectTimeout, Duration readTimeout, Tls tls, Dialer dialer) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
        this.dialer = dialer;
    }

    /**
     * The daemons' dialer: the socket of a {@link SocketChannel}, so an interrupt of the thread (a handler time-out)
     * ends a blocked connect or read at once.
     */
    public static Socket dial(InetSocketAddress address, int timeoutMillis) throws IOException {
        Socket socket = SocketChannel.open().socket();
        try {
            socket.connect(address, timeoutMillis);
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * Connects to the first of {@code addresses} that answers, sends {@code method} for {@code uri} with
     * {@code headers} (after {@code Host}; CR and LF in values become spaces) and reads the response up to its body.
     *
     * @throws HttpFailure          for a network failure, a time-out, or an answer that is not HTTP
     * @throws InterruptedException when an interrupt of the thread ended a step
     */
    public HttpResponse send(String method, URI uri, List<InetAddress> addresses, Map<String, String> headers,
                             Deadline deadline) throws HttpFailure, InterruptedException {
        Socket socket = connect(uri, addresses, deadline);
        try {
            if (HttpUris.https(uri)) {
                socket = handshake(uri, socket, deadline);
            }
            InputStream in;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request(method, uri, headers).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in = new BufferedInputStream(new TimedInput(socket, readTimeout, deadline), 16 * 1024);
                return new HttpResponse(uri, socket, in, method, ResponseHead.read(in));
            } catch (HttpFailure e) {
                throw e;
            } catch (IOException e) {
                throw HttpFailure.of(HttpFailure.Step.RESPONSE, uri, e);
            }
        } catch (RuntimeException | HttpFailure | InterruptedException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private Socket connect(URI uri, List<InetAddress> addresses, Deadline deadline)
            throws HttpFailure, InterruptedException {
        IOException last = new IOException("no address");
        for (InetAddress address : addresses) {
            try {
                return dialer.dial(new InetSocketAddress(address, HttpUris.port(uri)), deadline.millis(connectTimeout));
            } catch (IOException e) {
                HttpFailure.throwIfInterrupted(e);
                last = e;
            }
        }
        throw HttpFailure.of(HttpFailure.Step.CONNECT, uri, last);
    }

    private Socket handshake(URI uri, Socket plain, Deadline deadline) throws HttpFailure, InterruptedException {
        String host = HttpUris.bare(uri.getHost());
        try {
            SSLSocket ssl = (SSLSocket) tls.factory().createSocket(plain, host, HttpUris.port(uri), true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
            if (!HttpUris.isLiteral(host)) {
                try {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                } catch (IllegalArgumentException e) {
                    // Not a name SNI can carry: the certificate is still checked against the host.
                }
            }
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(deadline.millis(connectTimeout));
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            throw HttpFailure.of(HttpFailure.Step.HANDSHAKE, uri, e);
        }
    }

    private static String request(String method, URI uri, Map<String, String> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String host = uri.getHost() + (uri.getPort() >= 0 && uri.getPort() != HttpUris.defaultPort(uri)
                ? ":" + uri.getPort() : "");
        // A URI may hold non-ASCII characters: sent percent-encoded (UTF-8), never as bytes of some charset.
        StringBuilder request = new StringBuilder(method).append(' ').append(HttpUris.requote(path + query))
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ")
                .append(value.replaceAll("[\\r\\n]", " ")).append("\r\n"));
        return request.append("Connection: close\r\n\r\n").toString();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do with it.
        }
    }

    /**
     * The socket factory of {@code context}, whose client session cache is bounded to {@link #SESSION_CACHE_SIZE}:
     * nothing else of the context changes (its trust store, key managers, protocols and checks stay as they were).
     */
    static SSLSocketFactory boundedSessions(SSLContext context) {
        context.getClientSessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
        return context.getSocketFactory();
    }

    /**
     * The JDK's default TLS context (the operator's trust store, javax.net.ssl.* and jdk.tls.* as ever), made once,
     * when first asked for, with its client session cache bounded. It is the JVM's one default context, so in suite
     * mode the bound holds for every user of it, none of which needs more.
     */
    private static final class LazyTls {
        static final SSLSocketFactory INSTANCE = create();

        private static SSLSocketFactory create() {
            try {
                return boundedSessions(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                // No default context (a trust store that cannot be read): the JDK's default factory then fails every
                // connection with the cause, a ConnectionError of the request, as it did before the bound.
                return (SSLSocketFactory) SSLSocketFactory.getDefault();
            }
        }
    }
}
