package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ConfigDirOption;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The command line of {@code edeposit-amqp-tool bench}, declared in code ({@link CommandSpecs}) so that
 * the tool's JVM reads no annotation; {@link BenchCommand} reads the values by the names here. The
 * options are declared in the order {@code --help} lists them.
 */
final class BenchOptions {

    static final String ROUNDS = "--rounds";
    static final String WARMUP = "--warmup";
    static final String SEQUENTIAL = "--sequential";
    static final String PIPELINED = "--pipelined";
    static final String IN_FLIGHT = "--in-flight";
    static final String PREFETCH = "--prefetch";
    static final String WORKERS = "--workers";
    static final String PAYLOAD_BYTES = "--payload-bytes";
    static final String JVM_OPTIONS = "--jvm-options";
    static final String VHOST = "--vhost";
    static final String TIMEOUT = "--timeout";
    static final String METRICS = "--metrics";
    static final String DEFAULTS = "--defaults";
    static final String SHORT = "--short";
    static final String JSON = "--json";
    static final String HOST = "--host";
    static final String REQUEST_FILE = "--request-file";
    static final String PID = "--pid";

    private BenchOptions() {
    }

    /** The command {@code bench}, which runs {@code command}. */
    static CommandSpec declare(Callable<Integer> command) {
        CommandSpec spec = CommandSpecs.command("bench", command,
                "Exit status: 0 ok, 1 failed calls or an error, 2 usage error, 78 bad configuration.",
                "Measures request/response over the broker with the Java RPC client.",
                "Without --host it starts two worker JVMs on an exchange and a queue of this run in --vhost, (1) the "
                        + "RpcDaemon with an echo handler and (2) a raw amqp-client worker with the same wire behaviour "
                        + "and guarantees, and prints each figure of (1), of (2), and the ratio (1)/(2).",
                "With --defaults it starts the RpcDaemon once per kind of work at its default settings and once tuned,"
                        + " and prints the ratio of each to the raw worker.",
                "With --host NAME --request-file FILE it measures the running daemon of that host instead.");
        spec.addOption(number(ROUNDS, "N", 11, "Measured rounds; figures are medians over them (default ${DEFAULT-VALUE})."));
        spec.addOption(number(WARMUP, "N", 3, "Unmeasured rounds first, for the JIT compilers (default ${DEFAULT-VALUE})."));
        spec.addOption(number(SEQUENTIAL, "CALLS", 500, "Calls per round with one in flight (default ${DEFAULT-VALUE})."));
        spec.addOption(number(PIPELINED, "CALLS", 5000, "Calls per round with --in-flight in flight (default ${DEFAULT-VALUE})."));
        spec.addOption(number(IN_FLIGHT, "N", 64, "Calls in flight in the pipelined phase (default ${DEFAULT-VALUE})."));
        spec.addOption(number(PREFETCH, "N", 64, "basic.qos of both workers (default ${DEFAULT-VALUE})."));
        spec.addOption(number(WORKERS, "N", 1,
                "--workers of the daemon (default ${DEFAULT-VALUE}); the raw worker has one consumer."));
        spec.addOption(number(PAYLOAD_BYTES, "BYTES", 256, "Size of the echoed string (default ${DEFAULT-VALUE})."));
        spec.addOption(valued(JVM_OPTIONS, "OPTIONS", String.class, BenchCommand.DEFAULT_JVM_OPTIONS,
                "Options of the worker JVMs, space-separated (default: ${DEFAULT-VALUE})."));
        spec.addOption(valued(VHOST, "VHOST", String.class, "/",
                "Vhost for the two local workers' exchanges and queues (default ${DEFAULT-VALUE})."));
        spec.addOption(number(TIMEOUT, "SECONDS", 30, "Time-out of each call (default ${DEFAULT-VALUE})."));
        spec.addOption(OptionSpec.builder(METRICS)
                .description("Measure the cost of metrics: (1) is the RpcDaemon with --metrics-port, (2) the same"
                        + " daemon without, instead of the raw worker.").build());
        spec.addOption(OptionSpec.builder(DEFAULTS)
                .description("Measure the daemons' default settings: the echo daemon once per kind of work at that kind's"
                        + " default prefetch and workers (short work, long work), and once tuned (--prefetch, --workers),"
                        + " against the raw worker at --prefetch, all in one run.").build());
        spec.addOption(OptionSpec.builder(SHORT)
                .description("A quick run to check that everything works: 1 round of 100 + 1000 calls.").build());
        spec.addOption(OptionSpec.builder(JSON).description("Print the figures as JSON instead of a table.").build());
        spec.addOption(ConfigDirOption.option());
        spec.addOption(valued(HOST, "NAME", String.class, null,
                "Measure the running daemon of this host (settings from amqp.json) instead."));
        spec.addOption(valued(REQUEST_FILE, "FILE", Path.class, null,
                "With --host: the request body to send, as it is (e.g. a namedtuple JSON request)."));
        spec.addOption(valued(PID, "PID", Long.class, null,
                "With --host: the daemon's process, for its CPU time and memory from /proc."));
        CommandSpecs.addHelpOptions(spec);
        return spec;
    }

    /** An option that takes a whole number, {@code defaultValue} unless given. */
    static OptionSpec number(String name, String label, int defaultValue, String description) {
        return valued(name, label, int.class, Integer.toString(defaultValue), description);
    }

    /** An option that takes a {@code type} value, {@code defaultValue} (or null: none) unless given. */
    static OptionSpec valued(String name, String label, Class<?> type, String defaultValue, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).defaultValue(defaultValue)
                .description(description).build();
    }
}
