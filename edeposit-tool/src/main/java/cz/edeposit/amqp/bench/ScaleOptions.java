package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.OptionRange;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The options the scaling benchmarks share ({@link ScaleBenchCommand} on the broker of amqp.json and
 * the private-cluster run of {@code scripts/bench-cluster}), declared in code ({@link CommandSpecs})
 * in the order {@code --help} lists them, read by name, and each checked with a one-line message.
 */
final class ScaleOptions {

    static final int MAX_PROCESSES = 16;

    private static final String PROCESSES = "--processes";
    private static final String ROUNDS = "--rounds";
    private static final String WARMUP = "--warmup";
    private static final String CALLS = "--calls";
    private static final String IN_FLIGHT = "--in-flight";
    private static final String PREFETCH = "--prefetch";
    private static final String WORKERS = "--workers";
    private static final String PAYLOAD_BYTES = "--payload-bytes";
    private static final String JVM_OPTIONS = "--jvm-options";
    private static final String TIMEOUT = "--timeout";
    private static final String SHORT = "--short";
    private static final String JSON = "--json";

    // The values of one run; validate() applies --short to rounds, warmup and calls. ScaleRun reads them.
    final List<Integer> processes;
    int rounds;
    int warmup;
    int calls;
    final int inFlight;
    final int prefetch;
    final int workers;
    final int payloadBytes;
    final String jvmOptions;
    final int timeoutSeconds;
    final boolean quick;
    final boolean json;

    /** The values of the parsed {@code command}, whose options {@link #declare} added. */
    ScaleOptions(CommandSpec command) {
        processes = CommandSpecs.value(command, PROCESSES);
        rounds = CommandSpecs.<Integer>value(command, ROUNDS);
        warmup = CommandSpecs.<Integer>value(command, WARMUP);
        calls = CommandSpecs.<Integer>value(command, CALLS);
        inFlight = CommandSpecs.<Integer>value(command, IN_FLIGHT);
        prefetch = CommandSpecs.<Integer>value(command, PREFETCH);
        workers = CommandSpecs.<Integer>value(command, WORKERS);
        payloadBytes = CommandSpecs.<Integer>value(command, PAYLOAD_BYTES);
        jvmOptions = CommandSpecs.value(command, JVM_OPTIONS);
        timeoutSeconds = CommandSpecs.<Integer>value(command, TIMEOUT);
        quick = CommandSpecs.flag(command, SHORT);
        json = CommandSpecs.flag(command, JSON);
    }

    /** Adds the shared options to {@code spec}, before the command's own. */
    static void declare(CommandSpec spec) {
        spec.addOption(OptionSpec.builder(PROCESSES).paramLabel("N[,N...]").type(List.class).auxiliaryTypes(Integer.class)
                .splitRegex(",").defaultValue("1,2,4")
                .description("Daemon processes consuming one queue, one configuration per count (default ${DEFAULT-VALUE}).")
                .build());
        spec.addOption(BenchOptions.number(ROUNDS, "N", 5,
                "Measured rounds; figures are medians over them (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(WARMUP, "N", 1,
                "Unmeasured rounds first, for the JIT compilers (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(CALLS, "CALLS", 5000,
                "Calls per round and configuration, --in-flight of them in flight (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(IN_FLIGHT, "N", 64, "Calls in flight (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(PREFETCH, "N", 64, "--prefetch of every daemon process (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(WORKERS, "N", 1, "--workers of every daemon process (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(PAYLOAD_BYTES, "BYTES", 256, "Size of the echoed string (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.valued(JVM_OPTIONS, "OPTIONS", String.class, BenchCommand.DEFAULT_JVM_OPTIONS,
                "Options of the daemon JVMs, space-separated (default: ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.number(TIMEOUT, "SECONDS", 30, "Time-out of each call (default ${DEFAULT-VALUE})."));
        spec.addOption(OptionSpec.builder(SHORT)
                .description("A smoke run that checks the plumbing: 1 round of 200 calls, no warm-up.").build());
        spec.addOption(OptionSpec.builder(JSON)
                .description("Print the figures as JSON (alone on standard output) instead of a table.").build());
    }

    /** Checks every option (exit 2 with one line naming it) and applies {@code --short}. */
    void validate(CommandLine commandLine) {
        check(commandLine, !processes.isEmpty() && processes.size() <= 8, "--processes takes 1-8 counts, not "
                + processes.size());
        for (int count : processes) {
            check(commandLine, count >= 1 && count <= MAX_PROCESSES, "--processes: each count must be 1-"
                    + MAX_PROCESSES + ", not " + count);
        }
        check(commandLine, processes.stream().distinct().count() == processes.size(),
                "--processes names a count twice: " + processes);
        check(commandLine, rounds >= 1 && rounds <= 1000, "--rounds must be 1-1000, not " + rounds);
        check(commandLine, warmup >= 0 && warmup <= 100, "--warmup must be 0-100, not " + warmup);
        check(commandLine, calls >= 1 && calls <= 10_000_000, "--calls must be 1-10000000, not " + calls);
        check(commandLine, inFlight >= 1 && inFlight <= 10_000, "--in-flight must be 1-10000, not " + inFlight);
        check(commandLine, OptionRange.PREFETCH, prefetch);
        check(commandLine, OptionRange.WORKERS, workers);
        check(commandLine, payloadBytes >= 0 && payloadBytes <= 16 * 1024 * 1024,
                "--payload-bytes must be 0-16777216, not " + payloadBytes);
        check(commandLine, timeoutSeconds >= 1 && timeoutSeconds <= 3600,
                "--timeout must be 1-3600 seconds, not " + timeoutSeconds);
        if (quick) {
            rounds = 1;
            warmup = 0;
            calls = 200;
        }
    }

    List<String> jvmOptionList() {
        return Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** One line saying what is wrong and where to read more, status 2: the handler of both commands. */
    static int usageError(String name, ParameterException error) {
        PrintWriter err = error.getCommandLine().getErr();
        err.println(name + ": error: " + error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static void check(CommandLine commandLine, OptionRange range, int value) {
        try {
            range.check(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    private static void check(CommandLine commandLine, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(commandLine, message);
        }
    }
}
