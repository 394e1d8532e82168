package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.rpc.AttemptStore;
import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code <daemon> start|stop|restart|status [-f]}: the DaemonRunnerWrapper of the original, fixed. */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = VersionProvider.class,
        footer = {"", "Exit status: 0 ok, 1 failure, 2 usage error, 3 not running (status), 78 bad configuration."})
final class DaemonCommand implements Callable<Integer> {

    /** The lifecycle actions; the names are the CLI words. */
    enum Action { start, stop, restart, status }

    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, restart or status.")
    Action action;

    @Option(names = {"-f", "--foreground"},
            description = "Run in the foreground (under systemd or supervisord) instead of as a background daemon.")
    boolean foreground;

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Read amqp.json and the module's settings file from DIR only (also EDEPOSIT_CONFIG_DIR).")
    Path configDir;

    @Option(names = "--pid-dir", paramLabel = "DIR",
            description = "Directory of the PID file (default /run/edeposit as root, else $XDG_RUNTIME_DIR/edeposit).")
    Path pidDir;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Log file of a background daemon (default /var/log/edeposit/edeposit-NAME.log as root, "
                    + "else next to the PID file).")
    Path logFile;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Requests handled at once, each on its own channel (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--prefetch", paramLabel = "N", defaultValue = "1",
            description = "Unacknowledged requests the broker may push to each worker (default ${DEFAULT-VALUE}).")
    int prefetch;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "On stop, how long requests in hand may take to finish (default ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long stop and restart wait for the daemon to exit (default ${DEFAULT-VALUE}).")
    int stopSeconds;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long a background start waits for the daemon to consume (default ${DEFAULT-VALUE}).")
    int startSeconds;

    @Option(names = "--broker-wait", paramLabel = "SECONDS",
            description = "How long to wait for RabbitMQ at start-up, retrying with back-off (default: forever;"
                    + " 0 fails at once).")
    Integer brokerWaitSeconds;

    @Option(names = "--fail-fast",
            description = "Exit 1 when the connection or a channel is lost, instead of reconnecting.")
    boolean failFast;

    @Option(names = "--max-backoff", paramLabel = "SECONDS", defaultValue = "30",
            description = "Longest pause between reconnection attempts; they start at 1 s and double"
                    + " (default ${DEFAULT-VALUE}).")
    int maxBackoffSeconds;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "60",
            description = "AMQP heartbeat, which finds dead connections; 0 disables it (default ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5",
            description = "How often a request may be started (the daemon died or could not reply each time)"
                    + " before it is answered with PoisonMessageError (default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--dead-letter-exchange", paramLabel = "EXCHANGE",
            description = "Also publish a given-up request, unchanged, to this existing exchange.")
    String deadLetterExchange;

    @Option(names = "--handler-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Interrupt a handler after this long and answer HandlerTimeoutError; 0 = no limit"
                    + " (default ${DEFAULT-VALUE}).")
    int handlerTimeoutSeconds;

    // Descriptions go through String.format: "%%" is one "%" (a lone "% o" made picocli warn on every call).
    @Option(names = "--consumer-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "The broker's consumer_timeout: warn when a request has been unacked for 80 %% of it;"
                    + " 0 = no warning (default ${DEFAULT-VALUE}, RabbitMQ's default).")
    int consumerTimeoutSeconds;

    @Spec
    CommandSpec command;

    private final DaemonSpec spec;
    private final Map<String, String> env;

    DaemonCommand(DaemonSpec spec, Map<String, String> env) {
        this.spec = spec;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Lifecycle lifecycle = new Lifecycle(this);
        return switch (action) {
            case start -> lifecycle.start();
            case stop -> lifecycle.stop();
            case restart -> lifecycle.restart();
            case status -> lifecycle.status();
        };
    }

    private void validate() {
        check(workers >= 1 && workers <= 256, "--workers must be 1-256, not " + workers);
        check(prefetch >= 1 && prefetch <= 65535, "--prefetch must be 1-65535, not " + prefetch);
        check(drainSeconds >= 0, "--drain-timeout must not be negative, not " + drainSeconds);
        check(stopSeconds >= 0, "--stop-timeout must not be negative, not " + stopSeconds);
        check(startSeconds >= 1, "--start-timeout must be at least 1, not " + startSeconds);
        check(brokerWaitSeconds == null || brokerWaitSeconds >= 0,
                "--broker-wait must not be negative, not " + brokerWaitSeconds);
        check(maxBackoffSeconds >= 1 && maxBackoffSeconds <= 3600,
                "--max-backoff must be 1-3600, not " + maxBackoffSeconds);
        check(maxAttempts >= 1 && maxAttempts <= 1000, "--max-attempts must be 1-1000, not " + maxAttempts);
        check(deadLetterExchange == null || !deadLetterExchange.isBlank(),
                "--dead-letter-exchange must name an exchange, not '" + deadLetterExchange + "'");
        check(handlerTimeoutSeconds >= 0, "--handler-timeout must not be negative, not " + handlerTimeoutSeconds);
        check(consumerTimeoutSeconds >= 0, "--consumer-timeout must not be negative, not " + consumerTimeoutSeconds);
        check(heartbeatSeconds >= 0 && heartbeatSeconds <= 3600, "--heartbeat must be 0-3600, not " + heartbeatSeconds);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(command.commandLine(), message);
        }
    }

    DaemonSpec spec() {
        return spec;
    }

    Map<String, String> env() {
        return env;
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    ConfigLocator locator() {
        Path dir = configDir != null ? configDir : null;
        return new ConfigLocator(dir, env, Path.of("/etc/edeposit"));
    }

    AmqpSettings loadSettings() {
        return AmqpSettings.load(locator(), env);
    }

    Path resolvedPidDir() {
        return pidDir != null ? pidDir : RuntimePaths.defaultPidDir(env);
    }

    Path resolvedLogFile() {
        return logFile != null ? logFile : RuntimePaths.defaultLogFile(resolvedPidDir(), spec.name());
    }

    PidFile pidFile() {
        return new PidFile(resolvedPidDir().resolve("edeposit-" + spec.name() + ".pid"), spec.mainClass().getName());
    }

    StateFile stateFile() {
        return new StateFile(resolvedPidDir().resolve("edeposit-" + spec.name() + ".state"));
    }

    /** Attempt counts live next to the PID file, in edeposit-NAME.attempts/. */
    FaultPolicy faultPolicy() {
        return FaultPolicy.defaults()
                .withMaxAttempts(maxAttempts)
                .withAttempts(AttemptStore.inDirectory(resolvedPidDir().resolve("edeposit-" + spec.name() + ".attempts")))
                .withDeadLetterExchange(deadLetterExchange)
                .withHandlerTimeout(handlerTimeoutSeconds == 0 ? null : Duration.ofSeconds(handlerTimeoutSeconds))
                .withConsumerTimeout(consumerTimeoutSeconds == 0 ? null : Duration.ofSeconds(consumerTimeoutSeconds));
    }

    RecoveryPolicy recoveryPolicy() {
        return RecoveryPolicy.defaults()
                .withBrokerWait(brokerWaitSeconds == null ? null : Duration.ofSeconds(brokerWaitSeconds))
                .withFailFast(failFast)
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(maxBackoffSeconds));
    }

    Duration drainTimeout() {
        return Duration.ofSeconds(drainSeconds);
    }
}
