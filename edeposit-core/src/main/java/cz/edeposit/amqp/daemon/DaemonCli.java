package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.rpc.SchemaMissingException;
import cz.edeposit.amqp.settings.ConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The entry point every daemon main calls: parses {@code start|stop|restart|status} and the shared
 * options, and maps every expected failure to a one-line message and an exit status.
 */
public final class DaemonCli {

    private DaemonCli() {
    }

    /** Runs the daemon command line and returns the exit status; only {@code main} calls System.exit. */
    public static int run(DaemonSpec spec, String... args) {
        return run(spec, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(DaemonSpec spec, Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DaemonCommand(spec, env));
        cli.setCommandName(spec.command());
        cli.getCommandSpec().usageMessage().description(spec.description());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            commandLine.getErr().println(spec.command() + ": " + oneLine(error));
            commandLine.getErr().flush();
            if (!(error instanceof ConfigException || error instanceof BrokerUnavailableException
                    || error instanceof SchemaMissingException)) {
                LoggerFactory.getLogger(DaemonCli.class).debug("{} failed", spec.command(), error);
            }
            return error instanceof ConfigException ? ExitCodes.CONFIG : ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }

    private static String oneLine(Exception error) {
        if (error instanceof ConfigException || error instanceof BrokerUnavailableException
                || error instanceof SchemaMissingException || error instanceof IllegalArgumentException) {
            return "error: " + error.getMessage();
        }
        String message = error.getMessage();
        return "error: " + (message == null ? error.getClass().getSimpleName() : message.lines().findFirst().orElse(""));
    }
}
