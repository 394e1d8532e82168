package cz.edeposit.amqp.broker;

import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.TlsSettings;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/** Builds the SSLContext of a broker connection from the TLS settings: CA PEM file, PKCS12 client keystore. */
final class TlsContexts {

    private TlsContexts() {
    }

    /** @throws ConfigException naming the key whose file is unusable (never the password) */
    static SSLContext create(TlsSettings tls) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(tls.caFile().isPresent() ? trustStore(tls.caFile().get()) : null);
            KeyManager[] keys = tls.keystore().isPresent() ? keyManagers(tls.keystore().get(), tls.keystorePassword())
                    : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path caFile) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("RABBITMQ_TLS_CA_FILE " + caFile + ": cannot read PEM certificates from it ("
                    + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new ConfigException("RABBITMQ_TLS_CA_FILE " + caFile + " holds no certificate; it must be a PEM"
                    + " file with -----BEGIN CERTIFICATE----- blocks");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    private static KeyManager[] keyManagers(Path keystore, String password) throws GeneralSecurityException {
        char[] secret = password.toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, secret);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("RABBITMQ_TLS_KEYSTORE " + keystore + ": cannot open it as PKCS12 with"
                    + " RABBITMQ_TLS_KEYSTORE_PASSWORD (wrong password, or not a PKCS12 file)", e);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, secret);
        return factory.getKeyManagers();
    }
}
