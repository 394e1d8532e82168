package cz.edeposit.amqp.testing;

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
import java.util.stream.Stream;

/**
 * What {@link PrivateBroker} (one node) and {@link PrivateCluster} (three) share about a private
 * node of Debian's rabbitmq-server: its files in a directory of its own (Erlang cookie, empty plugin
 * list, no {@code /etc} env file, {@code rabbitmq.conf}), the environment that points every path
 * there, free loopback ports, waiting for its port, and removing its directory.
 */
final class RabbitNode {

    /**
     * How long a node may take to open its AMQP port: boots took up to 85 s on the loaded build machine, and three
     * nodes booting side by side at a load of 40-65 take longer; a bound on a node that never comes up, not on speed.
     */
    static final Duration BOOT = Duration.ofSeconds(300);
    // A connection attempt may itself take up to 500 ms; a node boots in seconds.
    private static final Duration PORT_POLL = Duration.ofMillis(100);

    private RabbitNode() {
    }

    /**
     * The environment of node {@code name} whose files are all under {@code dir}.
     *
     * @param erlArgs extra VM arguments after the loopback-only distribution, or empty
     */
    static Map<String, String> environment(Path dir, String name, int port, int distPort, String erlArgs) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString()); // the node's own Erlang cookie
        env.put("RABBITMQ_NODENAME", name);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", ("-kernel inet_dist_use_interface {127,0,0,1} " + erlArgs).strip());
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

    /**
     * Writes the node's cookie (readable by its owner only, as Erlang demands), an empty plugin list,
     * an empty env file and {@code rabbitmq.conf}: a loopback listener on {@code port}, guest allowed
     * from loopback, no console log, then {@code moreConf}.
     */
    static void writeFiles(Path dir, String cookieText, int port, String moreConf) throws IOException {
        Path cookie = dir.resolve(".erlang.cookie");
        Files.writeString(cookie, cookieText, StandardCharsets.US_ASCII);
        cookie.toFile().setReadable(false, false);
        cookie.toFile().setReadable(true, true);
        cookie.toFile().setWritable(false, false);
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        Files.writeString(dir.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + port + "\n"
                + "loopback_users = none\n"
                + "log.console = false\n"
                + moreConf);
    }

    static int[] freePorts(int count) throws IOException {
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

    static void awaitPort(int port, Duration timeout) throws Exception {
        Await.until("the private RabbitMQ node listens on port " + port, timeout, PORT_POLL, () -> accepts(port));
    }

    static void awaitPortClosed(int port, Duration timeout) throws Exception {
        Await.until("the private RabbitMQ node no longer listens on port " + port, timeout, PORT_POLL,
                () -> !accepts(port));
    }

    /** Deletes {@code dir} with everything in it; a leftover temporary directory is harmless. */
    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Left for the system's temporary-file cleaning.
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
