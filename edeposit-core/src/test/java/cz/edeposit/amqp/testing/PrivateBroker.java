package cz.edeposit.amqp.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A RabbitMQ node of a test class's own, for the fault tests that stop, restart and cut the broker:
 * the shared broker on 5672 is never touched. Debian's rabbitmq-server runs as this user with every
 * file (data, logs, config, Erlang cookie) in a temporary directory, on free loopback ports, with no
 * plugins; it is controlled with rabbitmqctl. A test class registers {@link #perTestClass()} or
 * {@link #perTestClassWithTls()}.
 */
public final class PrivateBroker extends PrivateRabbit {

    /** The vhost created at start; the guest user has every permission on it. */
    public static final String VHOST = "edeposit-fault";

    private final boolean tls;
    private Path dir;
    private String node;
    private int port;
    private int tlsPort = -1;
    private TestCertificates certificates;
    private RabbitCtl ctl;

    private PrivateBroker(boolean tls) {
        this.tls = tls;
    }

    /**
     * The set-up of a test class, as {@code @RegisterExtension static final PrivateBroker broker =
     * PrivateBroker.perTestClass();}: a node with a plain AMQP listener and the {@link #VHOST}, booted
     * before the class's first test, its app or node started again after a test that stopped it, removed
     * after the last test ({@link PrivateRabbit}).
     */
    public static PrivateBroker perTestClass() {
        return new PrivateBroker(false);
    }

    /** As {@link #perTestClass()}, plus a TLS listener that wants a client certificate from {@link #certificates()}. */
    public static PrivateBroker perTestClassWithTls() {
        return new PrivateBroker(true);
    }

    /** Boots the node and creates the {@link #VHOST}; measures the boot in the log. */
    @Override
    void boot() throws Exception {
        dir = Files.createTempDirectory("edeposit-private-broker");
        node = "edeposit-fault-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        int[] ports = RabbitNode.freePorts(3);
        port = ports[0];
        if (tls) {
            tlsPort = ports[2];
            certificates = TestCertificates.generate(dir.resolve("tls"));
        }
        ctl = new RabbitCtl(node, RabbitNode.environment(dir, node, port, ports[1], ""));
        writeConfig();
        long started = System.nanoTime();
        startNode();
        ctl.run("add_vhost", VHOST);
        ctl.run("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
        System.out.printf("private RabbitMQ node %s booted in %d ms (AMQP port %d%s)%n", node,
                (System.nanoTime() - started) / 1_000_000, port, tls ? ", TLS port " + tlsPort : "");
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The TLS listener's port; only for {@link #perTestClassWithTls()}. */
    public int tlsPort() {
        return tlsPort;
    }

    public TestCertificates certificates() {
        return certificates;
    }

    public String nodeName() {
        return node;
    }

    /** The {@code EDEPOSIT_*} variables that point {@code hostName}'s settings at this node and {@link #VHOST}. */
    public Map<String, String> env(String hostName) {
        return TestVhost.env(host(), port, "guest", "guest", hostName, VHOST);
    }

    public AmqpSettings settings(String hostName) {
        Map<String, String> env = env(hostName);
        return AmqpSettings.load(new ConfigLocator(dir.resolve("no-config"), env, dir.resolve("no-config")), env);
    }

    public HostSettings host(String hostName) {
        return settings(hostName).host(hostName);
    }

    public ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host());
        factory.setPort(port);
        factory.setVirtualHost(VHOST);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    public Connection connect(String name) throws IOException {
        try {
            return factory().newConnection(name);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Deletes and re-declares {@code hostName}'s exchange and queues, as the tool's --create would. */
    public void resetSchema(String hostName) throws IOException {
        HostSettings host = host(hostName);
        try (Connection connection = connect("edeposit-test-schema"); Channel channel = connection.createChannel()) {
            for (String queue : host.queues().keySet()) {
                channel.queueDelete(queue);
            }
            channel.exchangeDelete(host.exchange());
            TestVhost.declareSchema(channel, host);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** {@code rabbitmqctl stop_app}: every connection is closed and the listeners go away; data stays. */
    public void stopApp() throws IOException, InterruptedException {
        stopped(this, this::startApp);
        ctl.run("stop_app");
    }

    /** {@code rabbitmqctl start_app}, returning once the AMQP port accepts again. */
    public void startApp() throws Exception {
        ctl.run("start_app");
        RabbitNode.awaitPort(port, RabbitNode.BOOT);
        started(this);
    }

    /** Stops the whole node (the Erlang VM ends), as a host reboot would. */
    public void stopNode() throws Exception {
        stopped(this, this::startNode);
        ctl.run("stop");
        RabbitNode.awaitPortClosed(port, Duration.ofSeconds(30));
    }

    /** Starts the node again on the same data directory and ports. */
    public void startNode() throws Exception {
        ctl.startServer();
        RabbitNode.awaitPort(port, RabbitNode.BOOT);
        ctl.run("await_startup");
        started(this);
    }

    /**
     * {@code rabbitmqctl close_connection} on every connection whose client-given name starts with
     * {@code namePrefix}; returns how many were closed.
     */
    public int closeConnections(String namePrefix, String reason) throws IOException, InterruptedException {
        int closed = 0;
        for (String line : ctl.run("list_connections", "-q", "--no-table-headers", "pid", "client_properties")
                .split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && line.contains("{\"connection_name\",\"" + namePrefix)) {
                ctl.run("close_connection", line.substring(0, tab), reason);
                closed++;
            }
        }
        return closed;
    }

    /**
     * {@code rabbitmqctl set_vm_memory_high_watermark}: {@code "0"} raises the memory alarm, so the
     * broker stops reading from every connection that publishes (it is "blocked"); {@code "0.4"},
     * the default, clears it.
     */
    public void setMemoryHighWatermark(String fraction) throws IOException, InterruptedException {
        ctl.run("set_vm_memory_high_watermark", fraction);
    }

    /** {@code rabbitmqctl list_connections} of {@code columns}, one tab-separated line per connection. */
    public String listConnections(String... columns) throws IOException, InterruptedException {
        String[] args = new String[columns.length + 3];
        args[0] = "list_connections";
        args[1] = "-q";
        args[2] = "--no-table-headers";
        System.arraycopy(columns, 0, args, 3, columns.length);
        return ctl.run(args);
    }

    @Override
    void remove() {
        if (ctl != null) {
            ctl.halt(dir.resolve("rabbit.pid"));
        }
        if (dir != null) {
            RabbitNode.delete(dir);
        }
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("no-config"));
        StringBuilder conf = new StringBuilder();
        if (certificates != null) {
            conf.append("listeners.ssl.1 = 127.0.0.1:").append(tlsPort).append('\n')
                    .append("ssl_options.cacertfile = ").append(certificates.caPem()).append('\n')
                    .append("ssl_options.certfile = ").append(certificates.serverCert()).append('\n')
                    .append("ssl_options.keyfile = ").append(certificates.serverKey()).append('\n')
                    .append("ssl_options.verify = verify_peer\n")
                    .append("ssl_options.fail_if_no_peer_cert = true\n");
        }
        RabbitNode.writeFiles(dir, UUID.randomUUID().toString().replace("-", ""), port, conf.toString());
    }
}
