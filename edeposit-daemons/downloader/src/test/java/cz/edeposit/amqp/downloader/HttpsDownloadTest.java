package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.net.PinnedHttp;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.DownloadedFile;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * https with the downloader's own HTTP client: the certificate must chain to a trusted CA and name
 * the host of the URL (sent as SNI), although the connection goes to the checked address. The
 * server is on loopback, which these settings allow; its certificate names {@code localhost} only.
 */
class HttpsDownloadTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static HttpsServer server;
    private final RecordingContext context = new RecordingContext();

    @BeforeAll
    static void startServer() throws Exception {
        certificates = TestCertificates.generate(dir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", privateKey(certificates.serverKey()), new char[0],
                new Certificate[] {certificate(certificates.serverCert()), certificate(certificates.caPem())});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "over tls".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange) {
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static SSLSocketFactory trusting(Path caPem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificate(caPem));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }

    private DownloaderHandler handler(Path caPem) throws Exception {
        SSLSocketFactory tls = trusting(caPem);
        return new DownloaderHandler(new HttpFetcher(LoopbackSettings.load(Map.of()), InetAddress::getAllByName,
                PinnedHttp::dial, () -> tls));
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort() + "/a";
    }

    @Test
    void downloadsFromAServerWhoseCertificateNamesTheHost() throws Exception {
        DownloadedFile file = (DownloadedFile) handler(certificates.caPem()).handle(new Download(url("localhost")), context);
        assertEquals("over tls", new String(Base64.getDecoder().decode(file.b64Data()), StandardCharsets.US_ASCII));
    }

    @Test
    void refusesACertificateThatDoesNotNameTheHostOfTheUrl() throws Exception {
        DownloaderHandler handler = handler(certificates.caPem());
        ConnectionError error = assertThrows(ConnectionError.class, () -> handler.handle(new Download(url("127.0.0.1")), context));
        assertTrue(error.getMessage().startsWith("TLS failure with 127.0.0.1:" + server.getAddress().getPort() + ": "),
                error.getMessage());
    }

    @Test
    void refusesACertificateOfAnUntrustedCa() throws Exception {
        DownloaderHandler handler = handler(certificates.otherCaPem());
        ConnectionError error = assertThrows(ConnectionError.class, () -> handler.handle(new Download(url("localhost")), context));
        assertTrue(error.getMessage().startsWith("TLS failure with localhost:"), error.getMessage());
    }
}
