package cz.edeposit.amqp.harvester;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
import cz.edeposit.amqp.net.PinnedHttp;
import cz.edeposit.amqp.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** https through {@link PinnedHttp}: connected to the checked address, the certificate checked against the URL's host. */
class HarvesterHttpsTest {

    @TempDir
    static Path dir;

    private static TestCertificates certificates;
    private static HttpsServer server;

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
            byte[] body = (exchange.getRequestURI().getPath().equals("/robots.txt") ? "" : "over tls")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
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

    private static HarvesterFetcher fetcher(Path caPem) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificate(caPem));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HarvesterSettings settings = new HarvesterSettings(true, false, true, dir.resolve("c.json"), dir.resolve("s.yaml"),
                dir.resolve("state"), "edeposit-harvester/test", Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(60), 1000,
                Duration.ofSeconds(1), new DestinationPolicy(List.of(Network.parse("127.0.0.1/32")),
                DestinationPolicy.DEFAULT_DENY.stream().map(Network::parse).toList()));
        // The certificate names localhost; the name is "resolved" here, never by the system.
        return new HarvesterFetcher(settings, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")},
                tls::getSocketFactory);
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + "/a");
    }

    @Test
    void fetchesOverTlsFromTheCheckedAddressWithTheCertificateOfTheUrlsHost() throws Exception {
        try (HarvesterFetcher.Fetched fetched = fetcher(certificates.caPem()).fetch(url("localhost"), Optional.empty())) {
            assertEquals("over tls", new String(fetched.body(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void refusesACertificateOfAnotherHostOrAnUnknownAuthority() throws Exception {
        assertThrows(IOException.class, () -> fetcher(certificates.caPem()).fetch(url("127.0.0.1"), Optional.empty()));
        assertThrows(IOException.class, () -> fetcher(certificates.otherCaPem()).fetch(url("localhost"), Optional.empty()));
    }
}
