package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ConfigDirOption;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.LogConfigurator;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.tool.QueueType;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code scripts/bench-scale}: requests per second of 1, 2, 4 ... echo daemon processes consuming one
 * queue (classic or quorum) on the broker nodes of amqp.json ({@code RABBITMQ_ADDRESSES}), in one run.
 */
public final class ScaleBenchCommand implements Callable<Integer> {

    static final String NAME = "bench-scale";

    private static final String QUEUE_TYPE = "--queue-type";
    private static final String VHOST = "--vhost";
    private static final String BROKER_PID = "--broker-pid";

    private final CommandSpec spec;
    private final Map<String, String> env;

    public ScaleBenchCommand() {
        this(System.getenv());
    }

    /** A command that reads settings overrides from {@code env} instead of the process environment. */
    public ScaleBenchCommand(Map<String, String> env) {
        this.env = env;
        this.spec = declare(this);
    }

    /** The command line in code ({@link CommandSpecs}): the shared {@link ScaleOptions} first, then this command's. */
    private static CommandSpec declare(Callable<Integer> command) {
        CommandSpec spec = CommandSpecs.command(NAME, command,
                "Exit status: 0 ok, 1 failed calls or an error, 2 usage error, 78 bad configuration.",
                "Measures pipelined request/response with N echo daemon processes (JVMs of their own, the RpcDaemon"
                        + " path) consuming one queue of this run in --vhost, one configuration per --processes count,"
                        + " all in one run, on the broker nodes of amqp.json (RABBITMQ_ADDRESSES).",
                "The first configuration is the baseline of the ratio column.");
        ScaleOptions.declare(spec);
        spec.addOption(BenchOptions.valued(QUEUE_TYPE, "TYPE", QueueType.class, QueueType.classic.name(),
                "Type of the run's queues: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})."));
        spec.addOption(BenchOptions.valued(VHOST, "VHOST", String.class, "/",
                "Vhost for the run's exchanges and queues (default ${DEFAULT-VALUE})."));
        spec.addOption(OptionSpec.builder(BROKER_PID).paramLabel("PID[,PID...]").type(List.class).auxiliaryTypes(Long.class)
                .splitRegex(",")
                .description("The broker nodes' processes (on this machine), for their CPU time per request.").build());
        spec.addOption(ConfigDirOption.option());
        CommandSpecs.addHelpOptions(spec);
        return spec;
    }

    public static void main(String[] args) {
        System.setProperty(LogConfigurator.COMMAND_PROPERTY, NAME); // logs to stderr: stdout is the figures'
        System.exit(commandLine(new ScaleBenchCommand()).execute(args));
    }

    /** The command line with one-line error messages and the exit statuses of the footer. */
    public static CommandLine commandLine(ScaleBenchCommand command) {
        CommandLine cli = new CommandLine(command.spec);
        cli.setParameterExceptionHandler((error, args) -> ScaleOptions.usageError(NAME, error));
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report(NAME, error, commandLine.getErr()));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        ScaleOptions options = new ScaleOptions(spec);
        options.validate(spec.commandLine());
        QueueType queueType = CommandSpecs.value(spec, QUEUE_TYPE);
        String vhost = CommandSpecs.value(spec, VHOST);
        List<Long> givenPids = CommandSpecs.value(spec, BROKER_PID);
        List<Long> brokerPids = givenPids == null ? List.of() : givenPids;
        for (long pid : brokerPids) {
            if (!ProcStats.available(pid)) {
                throw new CommandLine.ParameterException(spec.commandLine(), BROKER_PID + " " + pid
                        + ": no such process in /proc");
            }
        }
        AmqpSettings amqp = AmqpSettings.load(ConfigDirOption.locator(spec, env), env);
        List<ScaleRun.Config> configs = new ArrayList<>();
        for (int count : options.processes) {
            configs.add(new ScaleRun.Config(queueType + ", " + amqp.nodes().size() + " node(s) listed", amqp,
                    queueType, count));
        }
        ScaleReport report = new ScaleRun(options, vhost, brokerPids).run(configs);
        print(report, options.json, spec.commandLine().getOut());
        return report.failures() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    static void print(ScaleReport report, boolean json, PrintWriter out) {
        if (json) {
            report.printJson(out);
        } else {
            report.printTable(out);
        }
    }
}
