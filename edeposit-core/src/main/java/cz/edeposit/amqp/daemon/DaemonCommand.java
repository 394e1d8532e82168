package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.rpc.RpcOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code <daemon> start|stop|restart|status [-f]}: the DaemonRunnerWrapper of the original, fixed.
 * The picocli declaration only: it checks and resolves what it was given into a {@link DaemonRun}
 * once, and hands that to the {@link Lifecycle}. Defaults come from the policies' constants.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = VersionProvider.class,
        footer = {"", "Exit status: 0 ok, 1 failure, 2 usage error, 3 not running (status), 78 bad configuration."})
final class DaemonCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, restart or status.")
    DaemonRun.Action action;

    @Option(names = {"-f", "--foreground"},
            description = "Run in the foreground (under systemd or supervisord) instead of as a background daemon.")
    boolean foreground;

    @Mixin
    ConfigDirOption configDir;

    @Option(names = "--pid-dir", paramLabel = "DIR",
            description = "Directory of the PID file (default /run/edeposit as root, else $XDG_RUNTIME_DIR/edeposit).")
    Path pidDir;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Log file of a background daemon (default /var/log/edeposit/edeposit-NAME.log as root, "
                    + "else next to the PID file).")
    Path logFile;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "" + RpcOptions.DEFAULT_WORKERS,
            description = "Requests handled at once, each on its own channel (default ${DEFAULT-VALUE}).")
    int workers;

    // No defaultValue: it depends on the daemon (DaemonSpec#defaultPrefetch); DaemonCli's default
    // provider shows it in --help, and run() falls back to it.
    @Option(names = "--prefetch", paramLabel = "N",
            description = "Unacknowledged requests the broker may push to each worker (default ${DEFAULT-VALUE},"
                    + " from this daemon's kind of work).")
    Integer prefetch;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "" + RpcOptions.DEFAULT_DRAIN_SECONDS,
            description = "On stop, how long requests in hand may take to finish (default ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "" + DaemonRun.DEFAULT_STOP_SECONDS,
            description = "How long stop and restart wait for the daemon to exit (default ${DEFAULT-VALUE}).")
    int stopSeconds;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "" + DaemonRun.DEFAULT_START_SECONDS,
            description = "How long a background start waits for the daemon to consume (default ${DEFAULT-VALUE}).")
    int startSeconds;

    @Option(names = "--broker-wait", paramLabel = "SECONDS",
            description = "How long to wait for RabbitMQ at start-up, retrying with back-off (default: forever;"
                    + " 0 fails at once).")
    Integer brokerWaitSeconds;

    @Option(names = "--fail-fast",
            description = "Exit 1 when the connection or a channel is lost, instead of reconnecting.")
    boolean failFast;

    @Option(names = "--max-backoff", paramLabel = "SECONDS",
            defaultValue = "" + RecoveryPolicy.DEFAULT_MAX_BACKOFF_SECONDS,
            description = "Longest pause between reconnection attempts; they start at "
                    + RecoveryPolicy.DEFAULT_INITIAL_BACKOFF_SECONDS + " s and double (default ${DEFAULT-VALUE}).")
    int maxBackoffSeconds;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "" + BrokerConnection.HEARTBEAT_SECONDS,
            description = "AMQP heartbeat, which finds dead connections; 0 disables it (default ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "" + FaultPolicy.DEFAULT_MAX_ATTEMPTS,
            description = "How often a request may be started (the daemon died or could not reply each time)"
                    + " before it is answered with PoisonMessageError (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--dead-letter-exchange", paramLabel = "EXCHANGE",
            description = "Also publish a given-up request, unchanged, to this existing exchange.")
    String deadLetterExchange;

    // 0 is "no limit", as FaultPolicy's null handler time-out.
    @Option(names = "--handler-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Interrupt a handler after this long and answer HandlerTimeoutError; 0 = no limit"
                    + " (default ${DEFAULT-VALUE}).")
    int handlerTimeoutSeconds;

    // Descriptions go through String.format: "%%" is one "%" (a lone "% o" made picocli warn on every call).
    @Option(names = "--consumer-timeout", paramLabel = "SECONDS",
            defaultValue = "" + FaultPolicy.BROKER_CONSUMER_TIMEOUT_SECONDS,
            description = "The broker's consumer_timeout: warn when a request has been unacked for 80 %% of it;"
                    + " 0 = no warning (default ${DEFAULT-VALUE}, RabbitMQ's default).")
    int consumerTimeoutSeconds;

    @Option(names = "--reply-retry", paramLabel = "SECONDS", defaultValue = "" + FaultPolicy.DEFAULT_REPLY_RETRY_SECONDS,
            description = "Publish a reply that no queue takes again, with back-off, for this long before acking its"
                    + " request and logging the reply as undeliverable; 0 = at once (default ${DEFAULT-VALUE}).")
    int replyRetrySeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics (/metrics) and a health check (/healthz) on this TCP port"
                    + " (default: off).")
    Integer metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDR", defaultValue = DaemonRun.DEFAULT_METRICS_ADDRESS,
            description = "The address the metrics port listens on (default ${DEFAULT-VALUE}: this host only).")
    String metricsAddress;

    @Spec
    CommandSpec command;

    private final DaemonSpec spec;
    private final Map<String, String> env;
    private final SuiteSpec suite;

    DaemonCommand(DaemonSpec spec, Map<String, String> env) {
        this(spec, env, null);
    }

    /** For a suite: {@code spec} is its {@link SuiteSpec#asDaemon()}; {@link DaemonCli} adds {@value #DAEMONS}. */
    DaemonCommand(DaemonSpec spec, Map<String, String> env, SuiteSpec suite) {
        this.spec = spec;
        this.env = env;
        this.suite = suite;
    }

    /** A suite's option naming the daemons it runs. */
    static final String DAEMONS = "--daemons";

    @Override
    public Integer call() throws Exception {
        DaemonRun run;
        try {
            run = run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
        if (suite != null) {
            List<DaemonSpec> chosen;
            try {
                chosen = chosenDaemons(run);
            } catch (IllegalArgumentException e) {
                // One line, no usage text: the message names the choices (docs/operations.md, Suite mode).
                throw new CommandFailure(ExitCodes.USAGE, List.of(spec.command() + ": " + e.getMessage()));
            }
            return new Lifecycle(spec, run, env, command.commandLine().getOut(), command.commandLine().getErr(),
                    suite, chosen).perform();
        }
        return new Lifecycle(spec, run, env, command.commandLine().getOut(), command.commandLine().getErr()).perform();
    }

    /** The daemons {@value #DAEMONS} names: required to start, ignored by stop and status. */
    private List<DaemonSpec> chosenDaemons(DaemonRun run) {
        String list = command.findOption(DAEMONS).getValue();
        boolean starts = run.action() == DaemonRun.Action.start || run.action() == DaemonRun.Action.restart;
        if (list == null) {
            if (starts) {
                throw new IllegalArgumentException(DAEMONS + " is missing: name the daemons to run, e.g. "
                        + DAEMONS + " " + suite.daemons().get(0).name() + "," + suite.daemons().get(1 % suite.daemons().size()).name()
                        + ", or " + DAEMONS + " " + SuiteSpec.ALL);
            }
            return List.of();
        }
        return suite.select(list);
    }

    /**
     * Checks every option against its {@link OptionRange}, in the order they are listed, and resolves them.
     *
     * @throws IllegalArgumentException naming the first option out of its range
     */
    DaemonRun run() {
        OptionRange.WORKERS.check(workers);
        Integer prefetch = this.prefetch == null ? null : OptionRange.PREFETCH.check(this.prefetch);
        Duration drain = Duration.ofSeconds(OptionRange.DRAIN_TIMEOUT.check(drainSeconds));
        Duration stop = Duration.ofSeconds(OptionRange.STOP_TIMEOUT.check(stopSeconds));
        Duration start = Duration.ofSeconds(OptionRange.START_TIMEOUT.check(startSeconds));
        Duration brokerWait = brokerWaitSeconds == null ? null
                : Duration.ofSeconds(OptionRange.BROKER_WAIT.check(brokerWaitSeconds));
        Duration maxBackoff = Duration.ofSeconds(OptionRange.MAX_BACKOFF.check(maxBackoffSeconds));
        OptionRange.MAX_ATTEMPTS.check(maxAttempts);
        if (deadLetterExchange != null && deadLetterExchange.isBlank()) {
            throw new IllegalArgumentException("--dead-letter-exchange must name an exchange, not '"
                    + deadLetterExchange + "'");
        }
        int handlerTimeout = OptionRange.HANDLER_TIMEOUT.check(handlerTimeoutSeconds);
        int consumerTimeout = OptionRange.CONSUMER_TIMEOUT.check(consumerTimeoutSeconds);
        int replyRetry = OptionRange.REPLY_RETRY.check(replyRetrySeconds);
        OptionRange.HEARTBEAT.check(heartbeatSeconds);
        if (metricsPort != null) {
            OptionRange.METRICS_PORT.check(metricsPort);
        }
        if (metricsAddress.isBlank()) {
            throw new IllegalArgumentException("--metrics-address must name an address, not '" + metricsAddress + "'");
        }

        Path pids = pidDir != null ? pidDir : RuntimePaths.defaultPidDir(env);
        RecoveryPolicy recovery = RecoveryPolicy.defaults()
                .withBrokerWait(brokerWait)
                .withFailFast(failFast)
                .withBackoff(RecoveryPolicy.defaults().initialBackoff(), maxBackoff);
        FaultPolicy faults = FaultPolicy.defaults()
                .withMaxAttempts(maxAttempts)
                .withDeadLetterExchange(deadLetterExchange)
                .withHandlerTimeout(handlerTimeout == 0 ? null : Duration.ofSeconds(handlerTimeout))
                .withConsumerTimeout(consumerTimeout == 0 ? null : Duration.ofSeconds(consumerTimeout))
                .withReplyRetry(Duration.ofSeconds(replyRetry));
        return new DaemonRun(action, foreground, configDir.locator(env), pids,
                logFile != null ? logFile : RuntimePaths.defaultLogFile(pids, spec.name()),
                workers, prefetch, drain, stop, start, recovery, faults, heartbeatSeconds,
                metricsPort, metricsAddress, givenOptions());
    }

    /**
     * The options this call was given, in long form, except the action and -f. Relative paths mean
     * the same in a background daemon's JVM, whose working directory is ours.
     */
    private List<String> givenOptions() {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : command.commandLine().getParseResult().matchedOptions()) {
            String name = option.longestName();
            if (name.equals("--foreground")) {
                continue;
            }
            if (option.arity().max() == 0) {
                args.add(name);
            } else {
                for (String value : option.originalStringValues()) {
                    args.add(name);
                    args.add(value);
                }
            }
        }
        return args;
    }
}
