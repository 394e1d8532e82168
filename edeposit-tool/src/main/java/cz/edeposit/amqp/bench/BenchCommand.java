package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.ConfigDirOption;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.OptionRange;
import cz.edeposit.amqp.daemon.VersionProvider;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code edeposit-amqp-tool bench}: request/response figures of our daemon against a raw
 * amqp-client worker on the same broker in one run, or of any running daemon.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Measures request/response over the broker with the Java RPC client.",
            "Without --host it starts two worker JVMs on an exchange and a queue of this run in --vhost, (1) the "
                    + "RpcDaemon with an echo handler and (2) a raw amqp-client worker with the same wire behaviour "
                    + "and guarantees, and prints each figure of (1), of (2), and the ratio (1)/(2).",
            "With --defaults it starts the RpcDaemon once per kind of work at its default settings and once tuned,"
                    + " and prints the ratio of each to the raw worker.",
            "With --host NAME --request-file FILE it measures the running daemon of that host instead."},
        footer = {"", "Exit status: 0 ok, 1 failed calls or an error, 2 usage error, 78 bad configuration."})
public final class BenchCommand implements Callable<Integer> {

    /**
     * The worker JVMs' options, meant for the daemon launchers too: the serial collector (no GC
     * threads, the smallest footprint on a small machine); a small initial heap, which the serial
     * collector keeps small while little is live, and a maximum with room for large messages
     * (calibre and antivirus carry whole files); smaller thread stacks; a bounded code cache; exit
     * on OutOfMemoryError so a supervisor restarts the daemon. The JDK's default class data sharing
     * archive is used ({@code -Xshare:auto}).
     */
    public static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -Xss512k -Xms16m -Xmx512m"
            + " -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError";

    @Option(names = "--rounds", defaultValue = "11", paramLabel = "N",
            description = "Measured rounds; figures are medians over them (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N",
            description = "Unmeasured rounds first, for the JIT compilers (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--sequential", defaultValue = "500", paramLabel = "CALLS",
            description = "Calls per round with one in flight (default ${DEFAULT-VALUE}).")
    int sequential;

    @Option(names = "--pipelined", defaultValue = "5000", paramLabel = "CALLS",
            description = "Calls per round with --in-flight in flight (default ${DEFAULT-VALUE}).")
    int pipelined;

    @Option(names = "--in-flight", defaultValue = "64", paramLabel = "N",
            description = "Calls in flight in the pipelined phase (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--prefetch", defaultValue = "64", paramLabel = "N",
            description = "basic.qos of both workers (default ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "--workers of the daemon (default ${DEFAULT-VALUE}); the raw worker has one consumer.")
    int workers;

    @Option(names = "--payload-bytes", defaultValue = "256", paramLabel = "BYTES",
            description = "Size of the echoed string (default ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--jvm-options", paramLabel = "OPTIONS", defaultValue = DEFAULT_JVM_OPTIONS,
            description = "Options of the worker JVMs, space-separated (default: ${DEFAULT-VALUE}).")
    String jvmOptions;

    @Option(names = "--vhost", defaultValue = "/", paramLabel = "VHOST",
            description = "Vhost for the two local workers' exchanges and queues (default ${DEFAULT-VALUE}).")
    String vhost;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Time-out of each call (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--metrics",
            description = "Measure the cost of metrics: (1) is the RpcDaemon with --metrics-port, (2) the same"
                    + " daemon without, instead of the raw worker.")
    boolean metrics;

    @Option(names = "--defaults",
            description = "Measure the daemons' default settings: the echo daemon once per kind of work at that kind's"
                    + " default prefetch and workers (short work, long work), and once tuned (--prefetch, --workers),"
                    + " against the raw worker at --prefetch, all in one run.")
    boolean defaults;

    @Option(names = "--short", description = "A quick run to check that everything works: 1 round of 100 + 1000 calls.")
    boolean quick;

    @Option(names = "--json", description = "Print the figures as JSON instead of a table.")
    boolean json;

    @Mixin
    ConfigDirOption configDir;

    @Option(names = "--host", paramLabel = "NAME",
            description = "Measure the running daemon of this host (settings from amqp.json) instead.")
    String host;

    @Option(names = "--request-file", paramLabel = "FILE",
            description = "With --host: the request body to send, as it is (e.g. a namedtuple JSON request).")
    Path requestFile;

    @Option(names = "--pid", paramLabel = "PID",
            description = "With --host: the daemon's process, for its CPU time and memory from /proc.")
    Long pid;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public BenchCommand() {
        this(System.getenv());
    }

    /** A command that reads settings overrides from {@code env} instead of the process environment. */
    public BenchCommand(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new BenchCommand()).execute(args));
    }

    /** The command line with one-line error messages and the exit statuses of the footer. */
    public static CommandLine commandLine(BenchCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report("bench", error, commandLine.getErr()));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (quick) {
            rounds = 1;
            warmup = 1;
            sequential = 100;
            pipelined = 1000;
        }
        AmqpSettings amqp = AmqpSettings.load(configDir.locator(env), env);
        BenchReport report = host != null ? external(amqp) : new LocalRun(this, amqp).run();
        var out = spec.commandLine().getOut();
        if (json) {
            report.printJson(out);
        } else {
            report.printTable(out);
        }
        return report.failures() > 0 ? 1 : 0;
    }

    private BenchReport external(AmqpSettings amqp) throws IOException, InterruptedException {
        HostSettings target = amqp.host(host);
        byte[] request = Files.readAllBytes(requestFile);
        if (pid != null && !ProcStats.available(pid)) {
            throw new ParameterException(spec.commandLine(), "--pid " + pid + ": no such process in /proc");
        }
        return new Measurement(this, amqp).run(List.of(new Target(target.name(), target, request, null, pid)));
    }

    private void validate() {
        check(rounds >= 1, "--rounds must be at least 1, not " + rounds);
        check(warmup >= 0, "--warmup must not be negative, not " + warmup);
        check(sequential >= 1 && pipelined >= 1, "--sequential and --pipelined must be at least 1");
        check(inFlight >= 1 && inFlight <= 10_000, "--in-flight must be 1-10000, not " + inFlight);
        check(OptionRange.PREFETCH, prefetch);
        check(OptionRange.WORKERS, workers);
        check(payloadBytes >= 0 && payloadBytes <= 16 * 1024 * 1024, "--payload-bytes must be 0-16777216, not " + payloadBytes);
        check(timeoutSeconds >= 1, "--timeout must be at least 1 second, not " + timeoutSeconds);
        check(host == null || requestFile != null, "--host needs --request-file (the request to send)");
        check(host != null || (requestFile == null && pid == null), "--request-file and --pid go with --host");
        check(host == null || !metrics, "--metrics measures the local daemon, not --host");
        check(host == null || !defaults, "--defaults measures the local daemon, not --host");
        check(!metrics || !defaults, "--metrics and --defaults are separate runs: give one of them");
        check(requestFile == null || Files.isReadable(requestFile), "--request-file " + requestFile + " is not a readable file");
    }

    private void check(OptionRange range, int value) {
        try {
            range.check(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    List<String> jvmOptionList() {
        return Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
