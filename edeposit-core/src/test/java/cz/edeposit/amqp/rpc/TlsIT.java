package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.PrivateBroker;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.Requests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS to the broker against a private node whose TLS listener wants a client certificate; the CA and
 * the certificates are made at test time.
 */
class TlsIT {

    @RegisterExtension
    static final PrivateBroker broker = PrivateBroker.perTestClassWithTls();

    @TempDir
    Path dir;

    /** The TLS keys as EDEPOSIT_ variables for {@code host}, with the client keystore when asked. */
    private Map<String, String> tlsEnv(String host, Path ca, boolean clientCertificate, boolean verifyHostname) {
        Map<String, String> env = new HashMap<>(broker.env("downloader"));
        env.put("EDEPOSIT_RABBITMQ_HOST", host);
        env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(broker.tlsPort()));
        env.put("EDEPOSIT_RABBITMQ_USE_TLS", "true");
        env.put("EDEPOSIT_RABBITMQ_TLS_CA_FILE", ca.toString());
        env.put("EDEPOSIT_RABBITMQ_TLS_VERIFY_HOSTNAME", Boolean.toString(verifyHostname));
        if (clientCertificate) {
            env.put("EDEPOSIT_RABBITMQ_TLS_KEYSTORE", broker.certificates().clientKeystore().toString());
            env.put("EDEPOSIT_RABBITMQ_TLS_KEYSTORE_PASSWORD", broker.certificates().keystorePassword());
        }
        return env;
    }

    private AmqpSettings settings(Map<String, String> env) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        return AmqpSettings.load(new ConfigLocator(empty, env, empty), env);
    }

    private BrokerUnavailableException refused(Map<String, String> env) throws Exception {
        AmqpSettings settings = settings(env);
        BrokerUnavailableException error = assertThrows(BrokerUnavailableException.class,
                () -> BrokerConnection.open(settings, PrivateBroker.VHOST, "edeposit-test-tls").close());
        assertFalse(error.retryable(), "a refused handshake is a settings problem: " + error.getMessage());
        assertTrue(error.getMessage().startsWith("TLS handshake with RabbitMQ at "), error.getMessage());
        return error;
    }

    @Test
    void aDaemonConfiguredForTlsAnswersThroughTheTlsListener() throws Exception {
        broker.resetSchema("downloader");
        Path config = Files.createDirectories(dir.resolve("config"));
        Path amqpJson = config.resolve("amqp.json");
        Files.writeString(amqpJson, "{\"RABBITMQ_HOST\": \"localhost\", \"RABBITMQ_PORT\": " + broker.tlsPort() + ",\n"
                + " \"RABBITMQ_DOWNER_VIRTUALHOST\": \"" + PrivateBroker.VHOST + "\",\n"
                + " \"RABBITMQ_USE_TLS\": true, \"RABBITMQ_TLS_CA_FILE\": \"" + broker.certificates().caPem() + "\",\n"
                + " \"RABBITMQ_TLS_KEYSTORE\": \"" + broker.certificates().clientKeystore() + "\",\n"
                + " \"RABBITMQ_TLS_KEYSTORE_PASSWORD\": \"" + broker.certificates().keystorePassword() + "\"}\n");
        Files.setPosixFilePermissions(amqpJson, PosixFilePermissions.fromString("rw-------"));
        Path log = dir.resolve("daemon.log");
        Process daemon = new DaemonProcess(EchoDaemon.class, Map.of(), List.of("start", "--foreground",
                "--config-dir", config.toString(), "--pid-dir", dir.toString(), "--broker-wait", "0")).start(log);
        try (Connection client = broker.connect("edeposit-test-client")) {
            Channel channel = client.createChannel();
            ReplyCollector replies = new ReplyCollector(client, "plone");
            Requests.publish(channel, "downloader", "request", "over-tls", "{\"__nt_name\": \"Echo\", \"value\": 1}");
            assertEquals("over-tls", replies.take(Duration.ofSeconds(60)).header("UUID"), Files.readString(log));
            String connections = broker.listConnections("ssl", "ssl_protocol", "peer_cert_subject", "client_properties");
            String line = connections.lines().filter(l -> l.contains("edeposit-echo-testd@")).findFirst().orElseThrow();
            assertTrue(line.startsWith("true\ttlsv1."), line);
            assertTrue(line.contains("CN=edeposit-daemon"), "the broker saw the client certificate: " + line);
        } finally {
            daemon.destroy();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, daemon.exitValue(), Files.readString(log));
        assertFalse(Files.readString(log).contains("readable by other users"), Files.readString(log));
    }

    @Test
    void refusesABrokerCertificateSignedByAnotherCa() throws Exception {
        String message = refused(tlsEnv("localhost", broker.certificates().otherCaPem(), true, true)).getMessage();
        assertTrue(message.contains("RABBITMQ_TLS_CA_FILE"), message);
    }

    @Test
    void checksThatTheCertificateNamesTheHostUnlessToldNotTo() throws Exception {
        String message = refused(tlsEnv("127.0.0.1", broker.certificates().caPem(), true, true)).getMessage();
        assertTrue(message.contains("names host '127.0.0.1'"), message);
        try (Connection unverified = BrokerConnection.open(settings(tlsEnv("127.0.0.1", broker.certificates().caPem(), true, false)),
                PrivateBroker.VHOST, "edeposit-test-tls")) {
            assertTrue(unverified.isOpen());
        }
    }

    @Test
    void theBrokerRefusesAClientWithoutCertificate() throws Exception {
        AmqpSettings settings = settings(tlsEnv("localhost", broker.certificates().caPem(), false, true));
        BrokerUnavailableException error = assertThrows(BrokerUnavailableException.class,
                () -> BrokerConnection.open(settings, PrivateBroker.VHOST, "edeposit-test-tls").close());
        // TLS 1.3 reports it as a reset after the handshake, which a broker going down can also cause.
        assertTrue(error.getMessage().contains("RABBITMQ_TLS_KEYSTORE"), error.getMessage());
    }
}
