package cz.edeposit.amqp.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to secure the broker connection (Java-only keys of {@code amqp.json}; the original had no TLS).
 *
 * @param enabled          {@code RABBITMQ_USE_TLS}: connect with TLS ({@code amqps}); the port then
 *                         defaults to 5671
 * @param caFile           {@code RABBITMQ_TLS_CA_FILE}: PEM certificates to trust; empty means the
 *                         JVM's default trust store
 * @param keystore         {@code RABBITMQ_TLS_KEYSTORE}: a PKCS12 file with the client certificate
 *                         and key, for brokers that ask for one; empty for none
 * @param keystorePassword {@code RABBITMQ_TLS_KEYSTORE_PASSWORD}: its password; never logged
 * @param verifyHostname   {@code RABBITMQ_TLS_VERIFY_HOSTNAME}: check that the server certificate
 *                         names {@code RABBITMQ_HOST} (default true)
 */
public record TlsSettings(boolean enabled, Optional<Path> caFile, Optional<Path> keystore, String keystorePassword,
                          boolean verifyHostname) {

    /** The port of {@code amqps} when {@code RABBITMQ_PORT} is not set. */
    public static final int DEFAULT_TLS_PORT = 5671;

    /** The settings with the password shown as {@code ****}. */
    @Override
    public String toString() {
        return "TlsSettings[enabled=" + enabled + ", caFile=" + caFile.map(Path::toString).orElse("default trust store")
                + ", keystore=" + keystore.map(Path::toString).orElse("none") + ", keystorePassword=" + Values.MASK
                + ", verifyHostname=" + verifyHostname + "]";
    }
}
