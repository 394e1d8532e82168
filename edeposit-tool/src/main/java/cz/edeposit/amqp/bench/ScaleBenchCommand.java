package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.ConfigDirOption;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.LogConfigurator;
import cz.edeposit.amqp.daemon.VersionProvider;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.tool.QueueType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code scripts/bench-scale}: requests per second of 1, 2, 4 ... echo daemon processes consuming one
 * queue (classic or quorum) on the broker nodes of amqp.json ({@code RABBITMQ_ADDRESSES}), in one run.
 */
@Command(name = "bench-scale", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Measures pipelined request/response with N echo daemon processes (JVMs of their own, the RpcDaemon"
                    + " path) consuming one queue of this run in --vhost, one configuration per --processes count,"
                    + " all in one run, on the broker nodes of amqp.json (RABBITMQ_ADDRESSES).",
            "The first configuration is the baseline of the ratio column."},
        footer = {"", "Exit status: 0 ok, 1 failed calls or an error, 2 usage error, 78 bad configuration."})
public final class ScaleBenchCommand implements Callable<Integer> {

    static final String NAME = "bench-scale";

    @Mixin
    ScaleOptions options;

    @Option(names = "--queue-type", defaultValue = "classic", paramLabel = "TYPE",
            description = "Type of the run's queues: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    QueueType queueType;

    @Option(names = "--vhost", defaultValue = "/", paramLabel = "VHOST",
            description = "Vhost for the run's exchanges and queues (default ${DEFAULT-VALUE}).")
    String vhost;

    @Option(names = "--broker-pid", split = ",", paramLabel = "PID[,PID...]",
            description = "The broker nodes' processes (on this machine), for their CPU time per request.")
    List<Long> brokerPids = new ArrayList<>();

    @Mixin
    ConfigDirOption configDir;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public ScaleBenchCommand() {
        this(System.getenv());
    }

    /** A command that reads settings overrides from {@code env} instead of the process environment. */
    public ScaleBenchCommand(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.setProperty(LogConfigurator.COMMAND_PROPERTY, NAME); // logs to stderr: stdout is the figures'
        System.exit(commandLine(new ScaleBenchCommand()).execute(args));
    }

    /** The command line with one-line error messages and the exit statuses of the footer. */
    public static CommandLine commandLine(ScaleBenchCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((error, args) -> ScaleOptions.usageError(NAME, error));
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report(NAME, error, commandLine.getErr()));
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        options.validate(spec.commandLine());
        for (long pid : brokerPids) {
            if (!ProcStats.available(pid)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--broker-pid " + pid
                        + ": no such process in /proc");
            }
        }
        AmqpSettings amqp = AmqpSettings.load(configDir.locator(env), env);
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
