package cz.edeposit.amqp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, a server certificate for {@code localhost} and a client certificate,
 * made with openssl at test time so that no key is ever committed.
 *
 * @param caPem          the CA certificate (PEM), for {@code RABBITMQ_TLS_CA_FILE} and the broker
 * @param serverCert     the server certificate (PEM), valid for {@code DNS:localhost} only
 * @param serverKey      its private key (PEM)
 * @param clientKeystore the client certificate and key (PKCS12), for {@code RABBITMQ_TLS_KEYSTORE}
 * @param keystorePassword the password of {@code clientKeystore}
 * @param otherCaPem     a second, unrelated CA, for the test that a wrong CA is refused
 */
public record TestCertificates(Path caPem, Path serverCert, Path serverKey, Path clientKeystore,
                               String keystorePassword, Path otherCaPem) {

    /** Generates everything into {@code dir}; fails with the openssl output when a step fails. */
    public static TestCertificates generate(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String password = UUID.randomUUID().toString();
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=edeposit test CA",
                "-keyout", caKey.toString(), "-out", ca.toString());
        Path serverKey = dir.resolve("server.key");
        Path serverCert = dir.resolve("server.pem");
        signed(dir, "server", "/CN=localhost", "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n",
                ca, caKey, serverKey, serverCert);
        Path clientKey = dir.resolve("client.key");
        Path clientCert = dir.resolve("client.pem");
        signed(dir, "client", "/CN=edeposit-daemon", "extendedKeyUsage=clientAuth\n", ca, caKey, clientKey, clientCert);
        Path keystore = dir.resolve("client.p12");
        openssl(dir, "pkcs12", "-export", "-inkey", clientKey.toString(), "-in", clientCert.toString(),
                "-name", "edeposit-daemon", "-out", keystore.toString(), "-passout", "pass:" + password);
        Path otherCa = dir.resolve("other-ca.pem");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=unrelated CA",
                "-keyout", dir.resolve("other-ca.key").toString(), "-out", otherCa.toString());
        return new TestCertificates(ca, serverCert, serverKey, keystore, password, otherCa);
    }

    private static void signed(Path dir, String name, String subject, String extensions, Path ca, Path caKey,
                               Path key, Path cert) throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extensions, StandardCharsets.US_ASCII);
        openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", subject,
                "-keyout", key.toString(), "-out", csr.toString());
        openssl(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "openssl", ".out");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new IOException("openssl is needed to make the TLS test certificates: apt-get install openssl", e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("openssl " + args[0] + " failed: " + Files.readString(output));
        }
        Files.delete(output);
    }
}
