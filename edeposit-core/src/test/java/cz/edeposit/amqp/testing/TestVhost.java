package cz.edeposit.amqp.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A vhost of a test's own, named {@code edeposit-test-<random>}, optionally with a host's schema
 * declared in it as the tool would; {@link #close()} deletes it with everything inside.
 */
public final class TestVhost implements AutoCloseable {

    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("aleph", "ALEPH"), Map.entry("calibre", "CALIBRE"), Map.entry("ftp", "FTP"),
            Map.entry("antivirus", "ANTIVIRUS"), Map.entry("harvester", "HARVESTER"), Map.entry("ltp", "LTP"),
            Map.entry("pdfgen", "PDFGEN"), Map.entry("downloader", "DOWNER"), Map.entry("storage", "STORAGE"),
            Map.entry("marcxml2mods", "MX2MODS"), Map.entry("aleph_link_export", "ALEPH_LINK_EXPORT"));

    private final TestBroker broker = TestBroker.get();
    private final Management management = new Management(broker);
    private final String name = "edeposit-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String hostName;
    private final Path emptyConfigDir;

    private TestVhost(String hostName) {
        this.hostName = hostName;
        management.createVhost(name);
        try {
            emptyConfigDir = Files.createTempDirectory("edeposit-test-config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh vhost with no schema; {@link #host()} describes {@code hostName} moved into it. */
    public static TestVhost empty(String hostName) {
        return new TestVhost(hostName);
    }

    /** A fresh vhost with {@code hostName}'s exchange, queues and bindings declared. */
    public static TestVhost withSchema(String hostName) throws IOException {
        TestVhost vhost = new TestVhost(hostName);
        vhost.declareSchema();
        return vhost;
    }

    public String name() {
        return name;
    }

    public TestBroker broker() {
        return broker;
    }

    public Management management() {
        return management;
    }

    /**
     * {@code EDEPOSIT_*} variables that point the AMQP settings at the test broker and move the host
     * into this vhost; give them to a daemon process, or to {@link #settings()}.
     */
    public Map<String, String> env() {
        return env(broker.host(), broker.port(), broker.user(), broker.password(), hostName, name);
    }

    /** The {@code EDEPOSIT_*} variables that point {@code hostName} at a broker and a vhost. */
    static Map<String, String> env(String host, int port, String user, String password, String hostName, String vhost) {
        Map<String, String> env = new HashMap<>();
        env.put("EDEPOSIT_RABBITMQ_HOST", host);
        env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(port));
        env.put("EDEPOSIT_RABBITMQ_USER_NAME", user);
        env.put("EDEPOSIT_RABBITMQ_USER_PASSWORD", password);
        env.put("EDEPOSIT_RABBITMQ_" + PREFIXES.get(hostName) + "_VIRTUALHOST", vhost);
        return env;
    }

    /** A directory with no settings files, for {@code --config-dir}, so no real settings leak in. */
    public Path emptyConfigDir() {
        return emptyConfigDir;
    }

    public AmqpSettings settings() {
        return AmqpSettings.load(new ConfigLocator(emptyConfigDir, env(), emptyConfigDir), env());
    }

    public HostSettings host() {
        return settings().host(hostName);
    }

    public Connection connect() throws IOException {
        try {
            return broker.factory(name).newConnection("edeposit-test");
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Declares exactly what {@code edeposit-amqp-tool --create} declares (docs/tool.md, "The schema"). */
    public void declareSchema() throws IOException {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            declareSchema(channel, host());
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    static void declareSchema(Channel channel, HostSettings host) throws IOException {
        declareSchema(channel, host, null);
    }

    /** As {@link #declareSchema(Channel, HostSettings)}, each queue with {@code queueArguments} (null for none). */
    static void declareSchema(Channel channel, HostSettings host, Map<String, Object> queueArguments) throws IOException {
        channel.exchangeDeclare(host.exchange(), "topic", true, false, false, null);
        for (Map.Entry<String, String> queue : host.queues().entrySet()) {
            channel.queueDeclare(queue.getKey(), true, false, false, queueArguments);
            channel.queueBind(queue.getKey(), host.exchange(), queue.getValue());
        }
    }

    @Override
    public void close() {
        management.deleteVhost(name);
        try {
            Files.deleteIfExists(emptyConfigDir);
        } catch (IOException e) {
            // A leftover empty temp directory is harmless.
        }
    }
}
