package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.OptionRange;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The options the scaling benchmarks share ({@link ScaleBenchCommand} on the broker of amqp.json and
 * the private-cluster run of {@code scripts/bench-cluster}), each checked with a one-line message.
 */
final class ScaleOptions {

    static final int MAX_PROCESSES = 16;

    @Option(names = "--processes", split = ",", defaultValue = "1,2,4", paramLabel = "N[,N...]",
            description = "Daemon processes consuming one queue, one configuration per count (default ${DEFAULT-VALUE}).")
    List<Integer> processes;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
            description = "Measured rounds; figures are medians over them (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N",
            description = "Unmeasured rounds first, for the JIT compilers (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--calls", defaultValue = "5000", paramLabel = "CALLS",
            description = "Calls per round and configuration, --in-flight of them in flight (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--in-flight", defaultValue = "64", paramLabel = "N",
            description = "Calls in flight (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--prefetch", defaultValue = "64", paramLabel = "N",
            description = "--prefetch of every daemon process (default ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N",
            description = "--workers of every daemon process (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--payload-bytes", defaultValue = "256", paramLabel = "BYTES",
            description = "Size of the echoed string (default ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--jvm-options", paramLabel = "OPTIONS", defaultValue = BenchCommand.DEFAULT_JVM_OPTIONS,
            description = "Options of the daemon JVMs, space-separated (default: ${DEFAULT-VALUE}).")
    String jvmOptions;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "Time-out of each call (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--short", description = "A smoke run that checks the plumbing: 1 round of 200 calls, no warm-up.")
    boolean quick;

    @Option(names = "--json", description = "Print the figures as JSON (alone on standard output) instead of a table.")
    boolean json;

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
