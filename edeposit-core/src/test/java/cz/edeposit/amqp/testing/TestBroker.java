package cz.edeposit.amqp.testing;

import com.rabbitmq.client.ConnectionFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The real RabbitMQ the broker tests run against: {@code EDEPOSIT_TEST_AMQP_URI} (default
 * {@code amqp://guest:guest@127.0.0.1:5672}), else a Testcontainers broker where a Docker engine
 * answers, else a failure that says how to start one. Broker tests are never skipped silently.
 */
public final class TestBroker {

    private static TestBroker instance;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final URI managementUri;

    private TestBroker(String host, int port, String user, String password, URI managementUri) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.managementUri = managementUri;
    }

    /** The broker for this test JVM, found (or started) once. */
    public static synchronized TestBroker get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Base URI of the management HTTP API, e.g. {@code http://127.0.0.1:15672}. */
    public URI managementUri() {
        return managementUri;
    }

    public ConnectionFactory factory(String vhost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setVirtualHost(vhost);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    private static TestBroker locate() {
        URI uri = URI.create(System.getenv().getOrDefault("EDEPOSIT_TEST_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672"));
        URI management = URI.create(System.getenv().getOrDefault("EDEPOSIT_TEST_MANAGEMENT_URL", "http://127.0.0.1:15672"));
        String[] credentials = (uri.getUserInfo() == null ? "guest:guest" : uri.getUserInfo()).split(":", 2);
        int port = uri.getPort() < 0 ? 5672 : uri.getPort();
        if (answers(uri.getHost(), port)) {
            return new TestBroker(uri.getHost(), port, credentials[0], credentials[1], management);
        }
        if (dockerAnswers()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management");
            container.start();
            return new TestBroker(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                    container.getAdminPassword(), URI.create(container.getHttpUrl()));
        }
        throw new IllegalStateException("No RabbitMQ answers at " + uri.getHost() + ":" + port
                + " and no Docker engine is available. Start a broker (scripts/test does: it installs and starts"
                + " Debian's rabbitmq-server and enables the management plugin) or set EDEPOSIT_TEST_AMQP_URI.");
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
