package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.rpc.RpcOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The command line of {@code <daemon> start|stop|restart|status [-f]}, declared in code with picocli's
 * programmatic API, so that a daemon's JVM reads no annotation at all (docs/performance.md, "What
 * picocli costs"); {@link DaemonCommand} reads the values by the names here. Defaults come from the
 * policies' constants, in the order {@code --help} lists the options.
 */
final class DaemonOptions {

    static final String FOREGROUND = "--foreground";
    static final String PID_DIR = "--pid-dir";
    static final String LOG_FILE = "--log-file";
    static final String FAIL_FAST = "--fail-fast";
    static final String DEAD_LETTER_EXCHANGE = "--dead-letter-exchange";
    static final String METRICS_ADDRESS = "--metrics-address";

    private static final String FOOTER =
            "Exit status: 0 ok, 1 failure, 2 usage error, 3 not running (status), 78 bad configuration.";

    private DaemonOptions() {
    }

    /** The command {@code name} ({@code --help} shows {@code description}), which runs {@code command}. */
    static CommandSpec declare(String name, String description, Callable<Integer> command) {
        CommandSpec spec = CommandSpecs.command(name, command, FOOTER, description);
        spec.addPositional(PositionalParamSpec.builder().index("0").required(true).paramLabel("ACTION").type(DaemonRun.Action.class)
                .description("start, stop, restart or status.").build());
        spec.addOption(OptionSpec.builder("-f", FOREGROUND)
                .description("Run in the foreground (under systemd or supervisord) instead of as a background daemon.")
                .build());
        spec.addOption(ConfigDirOption.option(
                "Read amqp.json and the module's settings file from DIR only (also EDEPOSIT_CONFIG_DIR)."));
        spec.addOption(valued(PID_DIR, "DIR", Path.class, null,
                "Directory of the PID file (default /run/edeposit as root, else $XDG_RUNTIME_DIR/edeposit)."));
        spec.addOption(valued(LOG_FILE, "FILE", Path.class, null,
                "Log file of a background daemon (default /var/log/edeposit/edeposit-NAME.log as root, "
                        + "else next to the PID file)."));
        spec.addOption(number(OptionRange.WORKERS, "N", RpcOptions.DEFAULT_WORKERS,
                "Requests handled at once, each on its own channel (default ${DEFAULT-VALUE})."));
        // No default: it depends on the daemon (DaemonSpec#defaultPrefetch); DaemonCli's default
        // provider shows it in --help, and DaemonCommand#run() falls back to it.
        spec.addOption(valued(OptionRange.PREFETCH.option(), "N", Integer.class, null,
                "Unacknowledged requests the broker may push to each worker (default ${DEFAULT-VALUE},"
                        + " from this daemon's kind of work)."));
        spec.addOption(number(OptionRange.DRAIN_TIMEOUT, "SECONDS", RpcOptions.DEFAULT_DRAIN_SECONDS,
                "On stop, how long requests in hand may take to finish (default ${DEFAULT-VALUE})."));
        spec.addOption(number(OptionRange.STOP_TIMEOUT, "SECONDS", DaemonRun.DEFAULT_STOP_SECONDS,
                "How long stop and restart wait for the daemon to exit (default ${DEFAULT-VALUE})."));
        spec.addOption(number(OptionRange.START_TIMEOUT, "SECONDS", DaemonRun.DEFAULT_START_SECONDS,
                "How long a background start waits for the daemon to consume (default ${DEFAULT-VALUE})."));
        spec.addOption(valued(OptionRange.BROKER_WAIT.option(), "SECONDS", Integer.class, null,
                "How long to wait for RabbitMQ at start-up, retrying with back-off (default: forever;"
                        + " 0 fails at once)."));
        spec.addOption(OptionSpec.builder(FAIL_FAST)
                .description("Exit 1 when the connection or a channel is lost, instead of reconnecting.").build());
        spec.addOption(number(OptionRange.MAX_BACKOFF, "SECONDS", RecoveryPolicy.DEFAULT_MAX_BACKOFF_SECONDS,
                "Longest pause between reconnection attempts; they start at "
                        + RecoveryPolicy.DEFAULT_INITIAL_BACKOFF_SECONDS + " s and double (default ${DEFAULT-VALUE})."));
        spec.addOption(number(OptionRange.HEARTBEAT, "SECONDS", BrokerConnection.HEARTBEAT_SECONDS,
                "AMQP heartbeat, which finds dead connections; 0 disables it (default ${DEFAULT-VALUE})."));
        spec.addOption(number(OptionRange.MAX_ATTEMPTS, "N", FaultPolicy.DEFAULT_MAX_ATTEMPTS,
                "How often a request may be started (the daemon died or could not reply each time)"
                        + " before it is answered with PoisonMessageError (default ${DEFAULT-VALUE})."));
        spec.addOption(valued(DEAD_LETTER_EXCHANGE, "EXCHANGE", String.class, null,
                "Also publish a given-up request, unchanged, to this existing exchange."));
        // 0 is "no limit", as FaultPolicy's null handler time-out.
        spec.addOption(number(OptionRange.HANDLER_TIMEOUT, "SECONDS", 0,
                "Interrupt a handler after this long and answer HandlerTimeoutError; 0 = no limit"
                        + " (default ${DEFAULT-VALUE})."));
        // Descriptions go through String.format: "%%" is one "%" (a lone "% o" made picocli warn on every call).
        spec.addOption(number(OptionRange.CONSUMER_TIMEOUT, "SECONDS", FaultPolicy.BROKER_CONSUMER_TIMEOUT_SECONDS,
                "The broker's consumer_timeout: warn when a request has been unacked for 80 %% of it;"
                        + " 0 = no warning (default ${DEFAULT-VALUE}, RabbitMQ's default)."));
        spec.addOption(number(OptionRange.REPLY_RETRY, "SECONDS", FaultPolicy.DEFAULT_REPLY_RETRY_SECONDS,
                "Publish a reply that no queue takes again, with back-off, for this long before acking its"
                        + " request and logging the reply as undeliverable; 0 = at once (default ${DEFAULT-VALUE})."));
        spec.addOption(valued(OptionRange.METRICS_PORT.option(), "PORT", Integer.class, null,
                "Serve Prometheus metrics (/metrics) and a health check (/healthz) on this TCP port"
                        + " (default: off)."));
        spec.addOption(valued(METRICS_ADDRESS, "ADDR", String.class, DaemonRun.DEFAULT_METRICS_ADDRESS,
                "The address the metrics port listens on (default ${DEFAULT-VALUE}: this host only)."));
        CommandSpecs.addHelpOptions(spec);
        return spec;
    }

    /** An option that takes a whole number within {@code range}, {@code defaultValue} unless given. */
    private static OptionSpec number(OptionRange range, String label, int defaultValue, String description) {
        return valued(range.option(), label, int.class, Integer.toString(defaultValue), description);
    }

    /** An option that takes a {@code type} value, {@code defaultValue} (or null: none) unless given. */
    private static OptionSpec valued(String name, String label, Class<?> type, String defaultValue,
                                     String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).defaultValue(defaultValue)
                .description(description).build();
    }
}
