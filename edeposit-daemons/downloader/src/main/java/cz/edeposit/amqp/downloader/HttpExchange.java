package cz.edeposit.amqp.downloader;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 request on a connection of its own ({@code Connection: close}) to an address that
 * {@link Destinations} has checked, and its response's status, headers and body. The downloader
 * speaks HTTP itself so that it connects to exactly the address it checked (java.net.http resolves
 * names on its own) and stays in charge of every wait.
 */
final class HttpExchange implements AutoCloseable {

    /** The longest status or header line, and all headers together: more is not an answer worth reading. */
    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 64 * 1024;

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-9]\\d\\d)(?: .*)?");

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private final Map<String, List<String>> headers;

    private HttpExchange(Socket socket, InputStream in, int status, Map<String, List<String>> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
    }

    /** Opens a TCP connection to a checked address; a seam so that tests can prove none was opened. */
    @FunctionalInterface
    interface Dialer {
        Socket dial(InetSocketAddress address, int timeoutMillis) throws IOException;
    }

    /** What an exchange needs besides the URL: the limits, the failure wording, TLS and the dialer. */
    record Setup(DownloaderSettings limits, NetworkFailures failures, Supplier<SSLSocketFactory> tls, Dialer dialer) {
    }

    /**
     * The dialer of the daemon: the socket of a {@link SocketChannel}, so an interrupt of the
     * handler thread (the handler time-out) ends a blocked connect or read at once.
     */
    static Socket dial(InetSocketAddress address, int timeoutMillis) throws IOException {
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
     * Connects to the first of {@code addresses} that answers, sends {@code method} for {@code uri}
     * and reads the response up to its body.
     *
     * @throws ConnectionError      for a network failure, a time-out, or an answer that is not HTTP
     * @throws InterruptedException when the handler thread is interrupted
     */
    static HttpExchange send(Setup setup, URI uri, String method, List<InetAddress> addresses, Deadline deadline)
            throws InterruptedException {
        Socket socket = connect(setup, uri, addresses, deadline);
        try {
            if ("https".equalsIgnoreCase(uri.getScheme())) {
                socket = handshake(setup, uri, socket, deadline);
            }
            write(setup, uri, method, socket);
            InputStream in;
            try {
                in = new BufferedInputStream(new TimedInput(socket, setup.limits(), deadline), 16 * 1024);
            } catch (IOException e) {
                throw setup.failures().other(uri, e);
            }
            return readHead(setup, uri, socket, in, deadline);
        } catch (RuntimeException | InterruptedException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    int status() {
        return status;
    }

    /** The headers by name, case-insensitively; a repeated header's values in order. */
    Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of {@code name}, or null. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as the server framed it (length, chunks, or until the connection closes); none for HEAD, 204 and 304. */
    InputStream body(String method) {
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        String coding = header("Transfer-Encoding");
        if (coding != null) {
            String[] codings = coding.split(",");
            boolean chunked = codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
            return chunked ? new HttpBodies.Chunked(in) : in;
        }
        long length = contentLength();
        return length >= 0 ? new HttpBodies.Fixed(in, length) : in;
    }

    /** The announced Content-Length, or -1 when there is none or it is not a number. */
    long contentLength() {
        String text = header("Content-Length");
        if (text == null || header("Transfer-Encoding") != null) {
            return -1;
        }
        try {
            long length = Long.parseLong(text.strip());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static Socket connect(Setup setup, URI uri, List<InetAddress> addresses, Deadline deadline)
            throws InterruptedException {
        int port = NetworkFailures.port(uri);
        IOException last = null;
        for (InetAddress address : addresses) {
            try {
                return setup.dialer().dial(new InetSocketAddress(address, port),
                        deadline.millis(setup.limits().connectTimeout()));
            } catch (IOException e) {
                NetworkFailures.throwIfInterrupted(e);
                last = e;
            }
        }
        throw setup.failures().connecting(uri, last, deadline);
    }

    private static Socket handshake(Setup setup, URI uri, Socket plain, Deadline deadline) throws InterruptedException {
        String host = Destinations.bare(uri.getHost());
        try {
            SSLSocket ssl = (SSLSocket) setup.tls().get().createSocket(plain, host, NetworkFailures.port(uri), true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            if (!Destinations.isLiteral(host)) {
                try {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                } catch (IllegalArgumentException e) {
                    // Not a name SNI can carry: the certificate check still uses the host.
                }
            }
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(deadline.millis(setup.limits().connectTimeout()));
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            NetworkFailures.throwIfInterrupted(e);
            throw setup.failures().handshake(uri, e, deadline);
        }
    }

    private static void write(Setup setup, URI uri, String method, Socket socket) throws InterruptedException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String host = uri.getHost() + (uri.getPort() >= 0 && uri.getPort() != defaultPort(uri) ? ":" + uri.getPort() : "");
        String request = method + " " + path + query + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: edeposit-downloader\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            NetworkFailures.throwIfInterrupted(e);
            throw setup.failures().other(uri, e);
        }
    }

    private static HttpExchange readHead(Setup setup, URI uri, Socket socket, InputStream in, Deadline deadline)
            throws InterruptedException {
        try {
            while (true) {
                String line;
                try {
                    line = HttpBodies.line(in, MAX_LINE);
                } catch (EOFException e) {
                    throw setup.failures().notHttp(uri); // part of a line, then the end: no HTTP server does that
                }
                if (line == null) {
                    throw setup.failures().closedWithoutAnswer(uri);
                }
                Matcher matcher = STATUS_LINE.matcher(line);
                if (!matcher.matches()) {
                    // Never quoted: the first line of an SSH or AMQP server would tell what listens there.
                    throw setup.failures().notHttp(uri);
                }
                int status = Integer.parseInt(matcher.group(1));
                Map<String, List<String>> headers = readHeaders(setup, uri, in);
                if (status >= 200) {
                    return new HttpExchange(socket, in, status, headers);
                }
            }
        } catch (HttpBodies.LineTooLong e) {
            throw setup.failures().notHttp(uri);
        } catch (IOException e) {
            NetworkFailures.throwIfInterrupted(e);
            throw setup.failures().waiting(uri, e, deadline);
        }
    }

    private static Map<String, List<String>> readHeaders(Setup setup, URI uri, InputStream in) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int total = 0;
        String name = null;
        while (true) {
            String line = HttpBodies.line(in, MAX_LINE);
            if (line == null) {
                throw new IOException("the connection closed in the middle of the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            total += line.length() + 2;
            if (total > MAX_HEADERS) {
                throw setup.failures().headersTooLarge(uri);
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                List<String> values = headers.get(name);
                int last = values.size() - 1;
                values.set(last, (values.get(last) + " " + line.strip()).strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a header: ignored, as browsers and python-requests do
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that is left to do with it.
            }
        }
    }
}
