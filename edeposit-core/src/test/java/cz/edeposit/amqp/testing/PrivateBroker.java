package cz.edeposit.amqp.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of a test class's own, for the fault tests that stop, restart and cut the broker:
 * the shared broker on 5672 is never touched. Debian's rabbitmq-server runs as this user with every
 * file (data, logs, config, Erlang cookie) in a temporary directory, on free loopback ports, with no
 * plugins; it is controlled with rabbitmqctl and removed by {@link #close()}.
 */
public final class PrivateBroker implements AutoCloseable {

    /** The vhost created at start; the guest user has every permission on it. */
    public static final String VHOST = "edeposit-fault";
    private static final Duration BOOT = Duration.ofSeconds(120);

    private final Path dir;
    private final String node;
    private final int port;
    private final int tlsPort;
    private final TestCertificates certificates;
    private final RabbitCtl ctl;
    private final Thread cleanup = new Thread(this::close, "private-broker-cleanup");
    private boolean closed;

    private PrivateBroker(Path dir, boolean tls) throws IOException, InterruptedException {
        this.dir = dir;
        this.node = "edeposit-fault-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        int[] ports = freePorts(3);
        this.port = ports[0];
        this.tlsPort = tls ? ports[2] : -1;
        this.certificates = tls ? TestCertificates.generate(dir.resolve("tls")) : null;
        this.ctl = new RabbitCtl(node, environment(ports[1]));
        writeConfig();
    }

    /** Boots a node with a plain AMQP listener and the {@link #VHOST}; measures the boot in the log. */
    public static PrivateBroker start() throws IOException, InterruptedException {
        return boot(false);
    }

    /** As {@link #start()}, plus a TLS listener that requires a client certificate from {@link #certificates()}. */
    public static PrivateBroker startWithTls() throws IOException, InterruptedException {
        return boot(true);
    }

    private static PrivateBroker boot(boolean tls) throws IOException, InterruptedException {
        PrivateBroker broker = new PrivateBroker(Files.createTempDirectory("edeposit-private-broker"), tls);
        Runtime.getRuntime().addShutdownHook(broker.cleanup);
        try {
            long started = System.nanoTime();
            broker.startNode();
            broker.ctl.run("add_vhost", VHOST);
            broker.ctl.run("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
            System.out.printf("private RabbitMQ node %s booted in %d ms (AMQP port %d%s)%n", broker.node,
                    (System.nanoTime() - started) / 1_000_000, broker.port,
                    tls ? ", TLS port " + broker.tlsPort : "");
            return broker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The TLS listener's port; only for {@link #startWithTls()}. */
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
        ctl.run("stop_app");
    }

    /** {@code rabbitmqctl start_app}, returning once the AMQP port accepts again. */
    public void startApp() throws IOException, InterruptedException {
        ctl.run("start_app");
        awaitPort(port, BOOT);
    }

    /** Stops the whole node (the Erlang VM ends), as a host reboot would. */
    public void stopNode() throws IOException, InterruptedException {
        ctl.run("stop");
        awaitPortClosed(port, Duration.ofSeconds(30));
    }

    /** Starts the node again on the same data directory and ports. */
    public void startNode() throws IOException, InterruptedException {
        ctl.startServer();
        awaitPort(port, BOOT);
        ctl.run("await_startup");
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

    /** Stops the node and deletes its directory; idempotent, and run at JVM exit if a test forgot. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook.
        }
        ctl.halt(dir.resolve("rabbit.pid"));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    private Map<String, String> environment(int distPort) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString()); // the Erlang cookie of this node only
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_SCHEMA_DIR", dir.resolve("schema").toString());
        env.put("RABBITMQ_GENERATED_CONFIG_DIR", dir.resolve("generated").toString());
        env.put("RABBITMQ_PLUGINS_EXPAND_DIR", dir.resolve("plugins-expand").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()); // not /etc's
        return env;
    }

    private void writeConfig() throws IOException {
        Path cookie = dir.resolve(".erlang.cookie");
        Files.writeString(cookie, UUID.randomUUID().toString().replace("-", ""), StandardCharsets.US_ASCII);
        cookie.toFile().setReadable(false, false);
        cookie.toFile().setReadable(true, true);
        cookie.toFile().setWritable(false, false);
        Files.createDirectories(dir.resolve("no-config"));
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        StringBuilder conf = new StringBuilder()
                .append("listeners.tcp.1 = 127.0.0.1:").append(port).append('\n')
                .append("loopback_users = none\n")
                .append("log.console = false\n");
        if (certificates != null) {
            conf.append("listeners.ssl.1 = 127.0.0.1:").append(tlsPort).append('\n')
                    .append("ssl_options.cacertfile = ").append(certificates.caPem()).append('\n')
                    .append("ssl_options.certfile = ").append(certificates.serverCert()).append('\n')
                    .append("ssl_options.keyfile = ").append(certificates.serverKey()).append('\n')
                    .append("ssl_options.verify = verify_peer\n")
                    .append("ssl_options.fail_if_no_peer_cert = true\n");
        }
        Files.writeString(dir.resolve("rabbitmq.conf"), conf.toString());
    }

    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the private RabbitMQ node did not listen on port " + port
                        + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static void awaitPortClosed(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
