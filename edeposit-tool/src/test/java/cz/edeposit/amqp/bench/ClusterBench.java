package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.LogConfigurator;
import cz.edeposit.amqp.testing.PrivateCluster;
import cz.edeposit.amqp.tool.QueueType;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code scripts/bench-cluster}: starts a private three-node RabbitMQ cluster ({@link PrivateCluster}
 * of the core test-jar, hence a main on the test class path), measures classic queues on one node
 * and quorum queues on all three with 1, 2, 4 ... daemon processes in one run, prints the table or
 * JSON, and removes the cluster, also on Ctrl-C (the cluster's and the run's shutdown hooks).
 */
public final class ClusterBench implements Callable<Integer> {

    static final String NAME = "bench-cluster";

    private final CommandSpec spec = CommandSpecs.command(NAME, this, "Exit status: 0 ok, 1 failed calls or an error, 2 usage error.",
            "Starts a private three-node RabbitMQ cluster on loopback ports (Debian's rabbitmq-server, its own"
                    + " directories and Erlang cookie) and measures, in one run: a classic queue on node 1 (the"
                    + " daemons and the load client connected to node 1 only) and a quorum queue replicated on all"
                    + " three nodes (the daemons and the client given all three, shuffled), each with every"
                    + " --processes count of echo daemon processes. The baseline of the ratio column is the"
                    + " classic queue with the first count. Broker CPU is the sum over the three nodes.");

    private ClusterBench() {
        ScaleOptions.declare(spec);
        CommandSpecs.addHelpOptions(spec);
    }

    public static void main(String[] args) {
        System.setProperty(LogConfigurator.COMMAND_PROPERTY, NAME); // logs to stderr: stdout is the figures'
        CommandLine cli = new CommandLine(new ClusterBench().spec);
        cli.setParameterExceptionHandler((error, arguments) -> ScaleOptions.usageError(NAME, error));
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report(NAME, error, commandLine.getErr()));
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ScaleOptions options = new ScaleOptions(spec);
        options.validate(spec.commandLine());
        PrivateCluster cluster = startQuietly();
        List<Long> brokerPids = new ArrayList<>();
        for (PrivateCluster.Node node : cluster.nodes()) {
            brokerPids.add(Long.parseLong(Files.readString(node.dir().resolve("rabbit.pid")).trim()));
        }
        Thread removeCluster = new Thread(() -> removeCompletely(cluster, brokerPids), "bench-cluster-cleanup");
        Runtime.getRuntime().addShutdownHook(removeCluster);
        try {
            var classic = cluster.settings(cluster.envOn(0, "downloader", PrivateCluster.VHOST));
            var quorum = cluster.settings(cluster.env("downloader", PrivateCluster.VHOST));
            List<ScaleRun.Config> configs = new ArrayList<>();
            for (int count : options.processes) {
                configs.add(new ScaleRun.Config("classic, node 1 only", classic, QueueType.classic, count));
            }
            for (int count : options.processes) {
                configs.add(new ScaleRun.Config("quorum, 3 nodes", quorum, QueueType.quorum, count));
            }
            ScaleReport report = new ScaleRun(options, PrivateCluster.VHOST, brokerPids).run(configs);
            ScaleBenchCommand.print(report, options.json, spec.commandLine().getOut());
            return report.failures() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
        } finally {
            removeCompletely(cluster, brokerPids);
            try {
                Runtime.getRuntime().removeShutdownHook(removeCluster);
            } catch (IllegalStateException e) {
                // Ctrl-C: the hook does the same.
            }
        }
    }

    /**
     * Closes the cluster, then waits for the nodes' Erlang VMs to end and removes what they wrote
     * meanwhile: on Ctrl-C the cluster's own hook may delete its directory while a killed node still
     * writes to it.
     */
    private static void removeCompletely(PrivateCluster cluster, List<Long> nodePids) {
        cluster.close();
        for (long pid : nodePids) {
            try {
                ProcessHandle.of(pid).ifPresent(vm -> vm.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            } catch (RuntimeException e) {
                // The VM did not end in time: remove what can be removed.
            }
        }
        List<PrivateCluster.Node> nodes = cluster.nodes();
        Path dir = nodes.get(0).dir().getParent();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Already gone.
        }
    }

    /** The cluster prints its boot time on standard output; here that goes to standard error, beside the JSON. */
    private static PrivateCluster startQuietly() throws Exception {
        PrintStream out = System.out;
        System.setOut(System.err);
        try {
            return PrivateCluster.start();
        } finally {
            System.setOut(out);
        }
    }
}
