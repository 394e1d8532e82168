package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ConfigDirOption;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.OptionRange;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

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
 * amqp-client worker on the same broker in one run, or of any running daemon. {@link BenchOptions}
 * declares its command line, whose values {@link #call()} reads by name.
 */
public final class BenchCommand implements Callable<Integer> {

    /**
     * The worker JVMs' options (of bench and bench-scale), the daemon launchers' defaults
     * (edeposit-dist/src/main/layout/lib/launcher.sh) as far as a worker needs them: the serial collector (no GC
     * threads, the smallest footprint on a small machine); a small initial heap (the launchers' 8 MiB), which the
     * serial collector keeps small while little is live, and a maximum with room for large messages
     * (calibre and antivirus carry whole files); smaller thread stacks; a bounded code cache; exit
     * on OutOfMemoryError so a supervisor restarts the daemon. The JDK's default class data sharing
     * archive is used ({@code -Xshare:auto}).
     */
    public static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -Xss512k -Xms8m -Xmx512m"
            + " -XX:ReservedCodeCacheSize=32m -XX:+ExitOnOutOfMemoryError";

    // The options' values, which readOptions() takes from the parsed command line at the start of
    // call() (--short then changes the first four); LocalRun and Measurement read them.
    int rounds;
    int warmup;
    int sequential;
    int pipelined;
    int inFlight;
    int prefetch;
    int workers;
    int payloadBytes;
    String jvmOptions;
    String vhost;
    int timeoutSeconds;
    boolean metrics;
    boolean defaults;
    boolean quick;
    boolean json;
    String host;
    Path requestFile;
    Long pid;

    private final CommandSpec spec;
    private final Map<String, String> env;

    public BenchCommand() {
        this(System.getenv());
    }

    /** A command that reads settings overrides from {@code env} instead of the process environment. */
    public BenchCommand(Map<String, String> env) {
        this.env = env;
        this.spec = BenchOptions.declare(this);
    }

    public static void main(String[] args) {
        System.exit(commandLine(new BenchCommand()).execute(args));
    }

    /** The command line with one-line error messages and the exit statuses of the footer. */
    public static CommandLine commandLine(BenchCommand command) {
        CommandLine cli = new CommandLine(command.spec);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report("bench", error, commandLine.getErr()));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        readOptions();
        validate();
        if (quick) {
            rounds = 1;
            warmup = 1;
            sequential = 100;
            pipelined = 1000;
        }
        AmqpSettings amqp = AmqpSettings.load(ConfigDirOption.locator(spec, env), env);
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

    private void readOptions() {
        rounds = CommandSpecs.<Integer>value(spec, BenchOptions.ROUNDS);
        warmup = CommandSpecs.<Integer>value(spec, BenchOptions.WARMUP);
        sequential = CommandSpecs.<Integer>value(spec, BenchOptions.SEQUENTIAL);
        pipelined = CommandSpecs.<Integer>value(spec, BenchOptions.PIPELINED);
        inFlight = CommandSpecs.<Integer>value(spec, BenchOptions.IN_FLIGHT);
        prefetch = CommandSpecs.<Integer>value(spec, BenchOptions.PREFETCH);
        workers = CommandSpecs.<Integer>value(spec, BenchOptions.WORKERS);
        payloadBytes = CommandSpecs.<Integer>value(spec, BenchOptions.PAYLOAD_BYTES);
        jvmOptions = CommandSpecs.value(spec, BenchOptions.JVM_OPTIONS);
        vhost = CommandSpecs.value(spec, BenchOptions.VHOST);
        timeoutSeconds = CommandSpecs.<Integer>value(spec, BenchOptions.TIMEOUT);
        metrics = CommandSpecs.flag(spec, BenchOptions.METRICS);
        defaults = CommandSpecs.flag(spec, BenchOptions.DEFAULTS);
        quick = CommandSpecs.flag(spec, BenchOptions.SHORT);
        json = CommandSpecs.flag(spec, BenchOptions.JSON);
        host = CommandSpecs.value(spec, BenchOptions.HOST);
        requestFile = CommandSpecs.value(spec, BenchOptions.REQUEST_FILE);
        pid = CommandSpecs.value(spec, BenchOptions.PID);
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
