package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.bench.BenchCommand;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.LogConfigurator;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code edeposit-amqp-tool}: creates the RabbitMQ schema of the hosts, and sends and receives debug
 * messages, as the original {@code edeposit_amqp_tool.py} did (docs/tool.md).
 */
public final class AmqpTool {

    static final String NAME = "edeposit-amqp-tool";

    private AmqpTool() {
    }

    /** Runs the tool and exits with its status; Ctrl-C prints an empty line and exits 0, as the original did. */
    public static void main(String[] args) {
        // Logs go to standard error (LogConfigurator): standard output carries the --create block and
        // --get messages that scripts read.
        System.setProperty(LogConfigurator.COMMAND_PROPERTY, NAME);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                out.print("\n");
                out.flush();
                Runtime.getRuntime().halt(ExitCodes.OK);
            }
        }, "interrupted"));
        int status;
        try {
            status = run(System.getenv(), System.in, out, err, args);
        } finally {
            finished.set(true); // from here on, a shutdown is ours (or a crash), not the user's Ctrl-C
        }
        System.exit(status);
    }

    /** Runs the command line with an injected environment, standard input and output: the seam of the tests. */
    static int run(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ToolCommand(env, in).command());
        cli.addSubcommand("bench", BenchCommand.commandLine(new BenchCommand()));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(AmqpTool::usageError);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report(NAME, error, commandLine.getErr()));
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    // One line saying what is wrong (argparse style), not the whole help: it would bury the line.
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        PrintWriter err = error.getCommandLine().getErr();
        err.println(NAME + ": error: " + error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + NAME + " --help' for more information.");
        return ExitCodes.USAGE;
    }
}
