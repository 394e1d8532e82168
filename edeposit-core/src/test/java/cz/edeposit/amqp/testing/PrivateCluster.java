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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A three-node RabbitMQ cluster of a test class's own (as {@link PrivateBroker} is one node): Debian's
 * rabbitmq-server, every file in a temporary directory, one Erlang cookie of its own, loopback ports,
 * no plugins; nodes 2 and 3 join node 1 with {@code rabbitmqctl join_cluster}. A test class registers
 * {@link #perTestClass()}; the shared broker is never touched.
 */
public final class PrivateCluster extends PrivateRabbit {

    /** The vhost created at start, with every permission for guest; the default vhosts of the hosts too. */
    public static final String VHOST = "edeposit-cluster";
    public static final int SIZE = 3;
    // The hosts' own vhost names: on a private cluster the defaults of amqp.json can be used as they are.
    private static final List<String> HOST_VHOSTS = List.of("aleph", "calibre", "ftp", "antivirus", "harvester",
            "ltp", "pdfgen", "downloader", "storage", "marcxml2mods");

    /** One node: its name, AMQP port, data directory and control script. */
    public record Node(int index, String name, int port, Path dir, RabbitCtl ctl) {
        public String address() {
            return "127.0.0.1:" + port;
        }
    }

    private Path dir;
    private final List<Node> nodes = new ArrayList<>();
    // The VMs' PIDs, kept from their PID files: close() still ends a node whose directory was removed.
    private final Map<Integer, Long> pids = new ConcurrentHashMap<>();

    private PrivateCluster() {
    }

    /** Boots three nodes, joins them into one cluster, creates {@link #VHOST} and the hosts' vhosts; prints the time. */
    public static PrivateCluster start() throws Exception {
        PrivateCluster cluster = new PrivateCluster();
        cluster.launch();
        return cluster;
    }

    /**
     * The set-up of a test class, as {@code @RegisterExtension static final PrivateCluster cluster =
     * PrivateCluster.perTestClass();}: booted as {@link #start()} does before the class's first test,
     * every node a test stopped or killed started again after that test, closed after the last one
     * ({@link PrivateRabbit}).
     */
    public static PrivateCluster perTestClass() {
        return new PrivateCluster();
    }

    @Override
    void boot() throws Exception {
        dir = Files.createTempDirectory("edeposit-private-cluster");
        createNodes();
        long started = System.nanoTime();
        for (Node node : nodes) {
            node.ctl().startServer(); // -detached: the three boot side by side
        }
        for (Node node : nodes) {
            RabbitNode.awaitPort(node.port(), RabbitNode.BOOT);
            node.ctl().run("await_startup");
            rememberPid(node);
        }
        Node first = nodes.get(0);
        for (Node node : nodes.subList(1, SIZE)) {
            node.ctl().run("stop_app");
            node.ctl().run("join_cluster", first.name());
            node.ctl().run("start_app");
            RabbitNode.awaitPort(node.port(), RabbitNode.BOOT);
        }
        importVhosts();
        System.out.printf("private RabbitMQ cluster of %d nodes (%s) booted and joined in %d ms%n", SIZE,
                addresses(), (System.nanoTime() - started) / 1_000_000);
    }

    private void createNodes() throws IOException {
        Files.createDirectories(dir.resolve("no-config"));
        String id = UUID.randomUUID().toString().substring(0, 6);
        String cookie = UUID.randomUUID().toString().replace("-", "");
        int[] ports = RabbitNode.freePorts(2 * SIZE);
        for (int i = 0; i < SIZE; i++) {
            Path nodeDir = Files.createDirectories(dir.resolve("node" + (i + 1)));
            String name = "edeposit-c" + id + "-" + (i + 1) + "@localhost";
            // Schedulers that sleep rather than spin, on a 2-core machine shared by three nodes.
            nodes.add(new Node(i, name, ports[2 * i], nodeDir, new RabbitCtl(name, RabbitNode.environment(nodeDir,
                    name, ports[2 * i], ports[2 * i + 1], "+sbwt none +sbwtdcpu none +sbwtdio none"))));
            // What docs/scaling.md recommends for three nodes: the minority side stops serving.
            RabbitNode.writeFiles(nodeDir, cookie, ports[2 * i], "cluster_partition_handling = pause_minority\n");
        }
    }

    // One import_definitions call instead of two rabbitmqctl calls (a VM start each) per vhost.
    private void importVhosts() throws IOException, InterruptedException {
        List<String> vhosts = new ArrayList<>(HOST_VHOSTS);
        vhosts.add(VHOST);
        String definitions = "{\"vhosts\": [" + vhosts.stream().map(v -> "{\"name\": \"" + v + "\"}")
                .collect(Collectors.joining(", ")) + "], \"permissions\": [" + vhosts.stream()
                .map(v -> "{\"user\": \"guest\", \"vhost\": \"" + v + "\", \"configure\": \".*\", \"write\": \".*\","
                        + " \"read\": \".*\"}").collect(Collectors.joining(", ")) + "]}";
        Path file = dir.resolve("definitions.json");
        Files.writeString(file, definitions);
        nodes.get(0).ctl().run("import_definitions", file.toString());
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** Every node, as {@code RABBITMQ_ADDRESSES} takes them: {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}. */
    public String addresses() {
        return nodes.stream().map(Node::address).collect(Collectors.joining(","));
    }

    /** The {@code EDEPOSIT_*} variables that point {@code hostName} at {@code vhost} on every node of the cluster. */
    public Map<String, String> env(String hostName, String vhost) {
        return envOn(addresses(), hostName, vhost);
    }

    /** As {@link #env}, but with only node {@code index} in the list: a process pinned to one node. */
    public Map<String, String> envOn(int index, String hostName, String vhost) {
        return envOn(nodes.get(index).address(), hostName, vhost);
    }

    private Map<String, String> envOn(String addresses, String hostName, String vhost) {
        Map<String, String> env = new HashMap<>(TestVhost.env("127.0.0.1", nodes.get(0).port(), "guest", "guest",
                hostName, vhost));
        env.put("EDEPOSIT_RABBITMQ_ADDRESSES", addresses);
        return env;
    }

    public AmqpSettings settings(Map<String, String> env) {
        Path none = dir.resolve("no-config");
        return AmqpSettings.load(new ConfigLocator(none, env, none), env);
    }

    /** A plain factory for node {@code index} and {@code vhost}, without recovery. */
    public ConnectionFactory factory(int index, String vhost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(nodes.get(index).port());
        factory.setVirtualHost(vhost);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    public Connection connect(int index, String vhost, String name) throws IOException {
        try {
            return factory(index, vhost).newConnection(name);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Deletes {@code hostName}'s queues in {@link #VHOST}, and declares its exchange and its queues again as quorum queues. */
    public HostSettings freshQuorumSchema(String hostName) throws IOException {
        HostSettings host = settings(env(hostName, VHOST)).host(hostName);
        try (Connection connection = connect(0, VHOST, "edeposit-test-schema");
             Channel channel = connection.createChannel()) {
            for (String queue : host.queues().keySet()) {
                channel.queueDelete(queue);
            }
            TestVhost.declareSchema(channel, host, Map.of("x-queue-type", "quorum"));
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        return host;
    }

    /** The index of the node that leads quorum queue {@code queue} of {@code vhost}. */
    public int leaderOf(String vhost, String queue) throws IOException, InterruptedException {
        for (String line : listQueues(vhost, "name", "leader").split("\n")) {
            String[] columns = line.strip().split("\\s+");
            for (Node node : nodes) {
                if (columns.length == 2 && columns[0].equals(queue) && node.name().equals(columns[1])) {
                    return node.index();
                }
            }
        }
        throw new IllegalStateException("no leader of quorum queue '" + queue + "' in vhost '" + vhost + "'");
    }

    /** {@code rabbitmqctl list_queues} of {@code vhost} with {@code columns}, one line per queue. */
    public String listQueues(String vhost, String... columns) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("list_queues", "-p", vhost, "-q", "--no-table-headers"));
        args.addAll(List.of(columns));
        return nodes.get(0).ctl().run(args.toArray(String[]::new));
    }

    /** {@code rabbitmqctl stop_app} on node {@code index}: its connections close, its listener goes away. */
    public void stopApp(int index) throws IOException, InterruptedException {
        stopped(index, () -> startApp(index));
        nodes.get(index).ctl().run("stop_app");
    }

    public void startApp(int index) throws Exception {
        nodes.get(index).ctl().run("start_app");
        RabbitNode.awaitPort(nodes.get(index).port(), RabbitNode.BOOT);
        started(index);
    }

    /** {@code kill -9} of node {@code index}'s Erlang VM, as a crashed host would end it. */
    public void kill(int index) throws IOException {
        stopped(index, () -> startNode(index));
        long pid = Long.parseLong(Files.readString(nodes.get(index).dir().resolve("rabbit.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
    }

    /** Stops node {@code index}'s VM cleanly, as a reboot of its host does. */
    public void stopNode(int index) throws IOException, InterruptedException {
        stopped(index, () -> startNode(index));
        nodes.get(index).ctl().run("stop");
    }

    /** Starts node {@code index} again on its data directory; it rejoins the cluster by itself. */
    public void startNode(int index) throws Exception {
        Node node = nodes.get(index);
        node.ctl().startServer();
        RabbitNode.awaitPort(node.port(), RabbitNode.BOOT);
        node.ctl().run("await_startup");
        rememberPid(node);
        started(index);
    }

    private void rememberPid(Node node) {
        try {
            pids.put(node.index(), Long.parseLong(Files.readString(node.dir().resolve("rabbit.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            // Not written yet: close() relies on the file then.
        }
    }

    /**
     * Waits until node {@code index} can be stopped without a quorum queue losing its majority
     * ({@code rabbitmq-queues check_if_node_is_quorum_critical}): what a rolling restart checks
     * before each node.
     */
    public void awaitNotQuorumCritical(int index, Duration limit) throws Exception {
        // The tool starts an Erlang VM each time: ask once a second.
        Await.value("node " + (index + 1) + " no longer quorum-critical", limit, Duration.ofSeconds(1), () -> {
            try {
                nodes.get(index).ctl().runTool("rabbitmq-queues", "check_if_node_is_quorum_critical");
                return "";
            } catch (IOException | IllegalStateException e) {
                return String.valueOf(e.getMessage());
            }
        }, String::isEmpty);
    }

    @Override
    void remove() {
        for (Node node : nodes) {
            node.ctl().halt(node.dir().resolve("rabbit.pid"));
            Long pid = pids.get(node.index());
            if (pid != null) {
                ProcessHandle.of(pid).filter(process -> process.info().command().map(c -> c.contains("beam"))
                        .orElse(false)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        if (dir != null) {
            RabbitNode.delete(dir);
        }
    }
}
