package cz.edeposit.amqp.harvester;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 GET over a connection to exactly one of the addresses the caller checked, so that a DNS answer that
 * changes after the check (DNS rebinding) cannot lead the harvester anywhere the destination policy forbids: the
 * JDK's {@code HttpClient} resolves the name itself when it connects, this class never resolves anything. TLS checks
 * the certificate against the URL's host (SNI and endpoint identification) as a browser does. Every read waits at
 * most {@code timeout}; the status line and headers are at most {@link #MAX_HEAD} bytes.
 */
final class PinnedHttp {

    static final int MAX_HEAD = 64 << 10;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");

    /** The socket factory for https; a test gives one that trusts its own certificate authority. */
    interface Tls {
        SSLSocketFactory factory() throws IOException;
    }

    /** The default trust store's TLS. */
    static final Tls DEFAULT_TLS = () -> {
        try {
            return javax.net.ssl.SSLContext.getDefault().getSocketFactory();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS in this Java: " + e.getMessage(), e);
        }
    };

    /** A response up to its body; close it to close the connection. */
    record Response(int status, Map<String, List<String>> headers, InputStream body, Socket socket) implements Closeable {

        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private PinnedHttp() {
    }

    /** Sends {@code GET uri} with {@code headers} to the first of {@code addresses} that accepts a connection. */
    static Response get(URI uri, List<InetAddress> addresses, Map<String, String> headers, Duration timeout, Tls tls)
            throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket socket = connect(uri, addresses, millis);
        try {
            socket.setSoTimeout(millis);
            if (https(uri)) {
                socket = handshake(uri, socket, tls);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
            int[] headBytes = {0};
            while (true) {
                String line = line(in, headBytes);
                Matcher status = STATUS_LINE.matcher(line == null ? "" : line);
                if (!status.matches()) {
                    throw new IOException(uri + " did not answer HTTP");
                }
                Map<String, List<String>> fields = headers(uri, in, headBytes);
                int code = Integer.parseInt(status.group(1));
                if (code >= 200) {
                    return new Response(code, fields, body(code, fields, in), socket);
                }
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static boolean https(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : https(uri) ? 443 : 80;
    }

    /** The host without the brackets of an IPv6 literal. */
    static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Socket connect(URI uri, List<InetAddress> addresses, int millis) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port(uri)), millis);
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw new IOException("cannot connect to " + uri.getHost() + ":" + port(uri) + ": "
                + (last == null ? "no address" : last.getMessage()), last);
    }

    private static Socket handshake(URI uri, Socket plain, Tls tls) throws IOException {
        String host = bareHost(uri);
        SSLSocket ssl = (SSLSocket) tls.factory().createSocket(plain, host, port(uri), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        if (!host.contains(":") && !host.matches("[0-9.]+")) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // Not a name SNI can carry: the certificate is still checked against the host.
            }
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static String request(URI uri, Map<String, String> headers) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost() + (uri.getPort() >= 0 && uri.getPort() != (https(uri) ? 443 : 80)
                ? ":" + uri.getPort() : "");
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ")
                .append(value.replaceAll("[\\r\\n]", " ")).append("\r\n"));
        return request.append("Connection: close\r\n\r\n").toString();
    }

    private static Map<String, List<String>> headers(URI uri, InputStream in, int[] headBytes) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line; (line = line(in, headBytes)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(uri + " sent a malformed header line");
            }
            headers.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return headers;
    }

    /** One line without its CRLF, or null at the end of the stream; the head as a whole is bounded. */
    private static String line(InputStream in, int[] headBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (++headBytes[0] > MAX_HEAD) {
                throw new IOException("the response head is larger than " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The body as the server framed it: chunks, a length, or until the connection closes; none for 204 and 304. */
    private static InputStream body(int status, Map<String, List<String>> headers, InputStream in) {
        if (status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        List<String> coding = headers.get("Transfer-Encoding");
        if (coding != null && coding.get(coding.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
            return new ChunkedInput(in);
        }
        List<String> length = headers.get("Content-Length");
        if (coding == null && length != null) {
            try {
                return new LimitedInput(in, Long.parseLong(length.get(0).strip()));
            } catch (NumberFormatException e) {
                return in;
            }
        }
        return in;
    }
}
