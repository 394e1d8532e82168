package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code <daemon> start|stop|restart|status [-f]}: the DaemonRunnerWrapper of the original, fixed.
 * It checks and resolves the options {@link DaemonOptions} declares into a {@link DaemonRun} once,
 * and hands that to the {@link Lifecycle}.
 */
final class DaemonCommand implements Callable<Integer> {

    private final CommandSpec command;
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
        this.command = DaemonOptions.declare(spec.command(), spec.description(), this);
    }

    /** The command line's model, which picocli fills in as it parses and which runs this command. */
    CommandSpec command() {
        return command;
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
        int workers = OptionRange.WORKERS.check(value(OptionRange.WORKERS.option()));
        Integer given = value(OptionRange.PREFETCH.option());
        Integer prefetch = given == null ? null : OptionRange.PREFETCH.check(given);
        Duration drain = seconds(OptionRange.DRAIN_TIMEOUT);
        Duration stop = seconds(OptionRange.STOP_TIMEOUT);
        Duration start = seconds(OptionRange.START_TIMEOUT);
        Integer brokerWaitSeconds = value(OptionRange.BROKER_WAIT.option());
        Duration brokerWait = brokerWaitSeconds == null ? null
                : Duration.ofSeconds(OptionRange.BROKER_WAIT.check(brokerWaitSeconds));
        Duration maxBackoff = seconds(OptionRange.MAX_BACKOFF);
        int maxAttempts = checked(OptionRange.MAX_ATTEMPTS);
        String deadLetterExchange = value(DaemonOptions.DEAD_LETTER_EXCHANGE);
        if (deadLetterExchange != null && deadLetterExchange.isBlank()) {
            throw new IllegalArgumentException(DaemonOptions.DEAD_LETTER_EXCHANGE + " must name an exchange, not '"
                    + deadLetterExchange + "'");
        }
        int handlerTimeout = checked(OptionRange.HANDLER_TIMEOUT);
        int consumerTimeout = checked(OptionRange.CONSUMER_TIMEOUT);
        int replyRetry = checked(OptionRange.REPLY_RETRY);
        int heartbeatSeconds = checked(OptionRange.HEARTBEAT);
        Integer metricsPort = value(OptionRange.METRICS_PORT.option());
        if (metricsPort != null) {
            OptionRange.METRICS_PORT.check(metricsPort);
        }
        String metricsAddress = value(DaemonOptions.METRICS_ADDRESS);
        if (metricsAddress.isBlank()) {
            throw new IllegalArgumentException(DaemonOptions.METRICS_ADDRESS + " must name an address, not '"
                    + metricsAddress + "'");
        }

        Path pidDir = value(DaemonOptions.PID_DIR);
        Path logFile = value(DaemonOptions.LOG_FILE);
        Path pids = pidDir != null ? pidDir : RuntimePaths.defaultPidDir(env);
        RecoveryPolicy recovery = RecoveryPolicy.defaults()
                .withBrokerWait(brokerWait)
                .withFailFast(flag(DaemonOptions.FAIL_FAST))
                .withBackoff(RecoveryPolicy.defaults().initialBackoff(), maxBackoff);
        FaultPolicy faults = FaultPolicy.defaults()
                .withMaxAttempts(maxAttempts)
                .withDeadLetterExchange(deadLetterExchange)
                .withHandlerTimeout(handlerTimeout == 0 ? null : Duration.ofSeconds(handlerTimeout))
                .withConsumerTimeout(consumerTimeout == 0 ? null : Duration.ofSeconds(consumerTimeout))
                .withReplyRetry(Duration.ofSeconds(replyRetry));
        DaemonRun.Action action = command.positionalParameters().get(0).getValue();
        return new DaemonRun(action, flag(DaemonOptions.FOREGROUND),
                ConfigDirOption.locator(command, env), pids,
                logFile != null ? logFile : RuntimePaths.defaultLogFile(pids, spec.name()),
                workers, prefetch, drain, stop, start, recovery, faults, heartbeatSeconds,
                metricsPort, metricsAddress, givenOptions());
    }

    /** The value of option {@code name}: as given, else its default, else null. */
    private <T> T value(String name) {
        return CommandSpecs.value(command, name);
    }

    private boolean flag(String name) {
        return CommandSpecs.flag(command, name);
    }

    /** The whole number of the option of {@code range}, checked against it. */
    private int checked(OptionRange range) {
        return range.check(this.<Integer>value(range.option()));
    }

    private Duration seconds(OptionRange range) {
        return Duration.ofSeconds(checked(range));
    }

    /**
     * The options this call was given, in long form, except the action and -f. Relative paths mean
     * the same in a background daemon's JVM, whose working directory is ours.
     */
    private List<String> givenOptions() {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : command.commandLine().getParseResult().matchedOptions()) {
            String name = option.longestName();
            if (name.equals(DaemonOptions.FOREGROUND)) {
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
