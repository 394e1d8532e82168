package cz.edeposit.amqp.net;

import cz.edeposit.amqp.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounded TLS session cache of the pinned client against a real TLS server on loopback, whose certificate (made
 * for the test) names {@code localhost} only: past the bound, older sessions go, and every check stays.
 */
class PinnedHttpSessionCacheTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static final List<SSLServerSocket> ports = new ArrayList<>();
    private static final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tls-port");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * One https server on many ports of 127.0.0.1: the client keeps a session for each host and port it resumes, as
     * for the many servers the downloader fetches from (one port would resume, and replace, one session again and
     * again).
     */
    @BeforeAll
    static void startServer() throws Exception {
        certificates = TestCertificates.generate(dir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        String key = Files.readString(certificates.serverKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        keys.setKeyEntry("server", KeyFactory.getInstance("RSA").generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key))), new char[0],
                new Certificate[] {certificate(certificates.serverCert()), certificate(certificates.caPem())});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        for (int i = 0; i < PinnedHttp.SESSION_CACHE_SIZE + 20; i++) {
            SSLServerSocket port = (SSLServerSocket) tls.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            ports.add(port);
            threads.execute(() -> serve(port));
        }
    }

    private static void serve(SSLServerSocket port) {
        while (!port.isClosed()) {
            try (Socket socket = port.accept()) {
                InputStream in = socket.getInputStream();
                int last = 0;
                for (int b = in.read(); b >= 0; b = in.read()) { // to the end of the request's head
                    last = (last << 8 | b) & 0xFFFFFFFF;
                    if (last == 0x0D0A0D0A) {
                        break;
                    }
                }
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // A refused handshake (the tests that expect one) or the port closed at the end.
            }
        }
    }

    @AfterAll
    static void stopServer() throws IOException {
        for (SSLServerSocket port : ports) {
            port.close();
        }
        threads.shutdownNow();
    }

    private static Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A context that trusts the test's CA only, its client session cache bounded as the daemons' default one. */
    private static SSLContext trustingTheTestCa() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificate(certificates.caPem()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int get(PinnedHttp http, String host, SSLServerSocket port) throws Exception {
        URI url = URI.create("https://" + host + ":" + port.getLocalPort() + "/a");
        try (HttpResponse response = http.send("GET", url, List.of(InetAddress.getByName("127.0.0.1")), Map.of(),
                Deadline.none())) {
            response.body().readAllBytes();
            return response.status();
        }
    }

    private static PinnedHttp client(SSLContext context) {
        return new PinnedHttp(Duration.ofSeconds(10), Duration.ofSeconds(10),
                () -> PinnedHttp.boundedSessions(context), PinnedHttp::dial);
    }

    @Test
    void keepsNoMoreSessionsThanTheBoundHoweverManyHandshakes() throws Exception {
        SSLContext context = trustingTheTestCa();
        PinnedHttp http = client(context);
        for (SSLServerSocket port : ports) {
            assertEquals(200, get(http, "localhost", port));
        }
        int kept = Collections.list(context.getClientSessionContext().getIds()).size();
        assertTrue(kept > 0 && kept <= PinnedHttp.SESSION_CACHE_SIZE, kept + " sessions kept");
    }

    @Test
    void aSessionOfOneHostIsNoPassToAnotherName() throws Exception {
        PinnedHttp http = client(trustingTheTestCa());
        assertEquals(200, get(http, "localhost", ports.get(0)));
        HttpFailure failure = assertThrows(HttpFailure.class, () -> get(http, "127.0.0.1", ports.get(0)));
        assertEquals(HttpFailure.Step.HANDSHAKE, failure.step());
    }

    @Test
    void theDefaultTlsIsTheJdksDefaultContextWithItsSessionsBounded() throws Exception {
        PinnedHttp.DEFAULT_TLS.factory();
        assertEquals(PinnedHttp.SESSION_CACHE_SIZE, SSLContext.getDefault().getClientSessionContext().getSessionCacheSize());
        // The JDK's trust store does not hold the test's CA: the default context still checks the chain.
        PinnedHttp http = new PinnedHttp(Duration.ofSeconds(10), Duration.ofSeconds(10), PinnedHttp.DEFAULT_TLS,
                PinnedHttp::dial);
        HttpFailure failure = assertThrows(HttpFailure.class, () -> get(http, "localhost", ports.get(1)));
        assertEquals(HttpFailure.Step.HANDSHAKE, failure.step());
    }
}
