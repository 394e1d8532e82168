package cz.edeposit.amqp.daemon;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The entry point every daemon main calls: parses {@code start|stop|restart|status} and the shared
 * options, and maps every expected failure to a one-line message and an exit status ({@link ExitCodes}).
 */
public final class DaemonCli {

    private DaemonCli() {
    }

    /** Runs the daemon command line and returns the exit status; only {@code main} calls System.exit. */
    public static int run(DaemonSpec spec, String... args) {
        return run(spec, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(DaemonSpec, String...)} with {@code env} in place of the process's environment. */
    public static int run(DaemonSpec spec, Map<String, String> env, String... args) {
        return run(spec, env, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(DaemonSpec spec, Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new DaemonCommand(spec, env).command());
        // --prefetch has no declared default: it is this daemon's (DaemonSpec#defaultPrefetch), shown by --help.
        cli.setDefaultValueProvider(option -> option instanceof CommandLine.Model.OptionSpec named
                && named.longestName().equals(OptionRange.PREFETCH.option())
                ? Integer.toString(spec.defaultPrefetch()) : null);
        return execute(cli, spec, out, err, args);
    }

    /** Runs the command line of a suite ({@code start --daemons aleph,pdfgen ...}) and returns the exit status. */
    public static int run(SuiteSpec suite, String... args) {
        return run(suite, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(SuiteSpec suite, Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        DaemonSpec spec = suite.asDaemon();
        CommandLine cli = new CommandLine(new DaemonCommand(spec, env, suite).command());
        cli.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder(DaemonCommand.DAEMONS)
                .paramLabel("LIST").type(String.class)
                .description("The daemons to run in this JVM, comma-separated ("
                        + String.join(", ", suite.daemons().stream().map(DaemonSpec::name).toList())
                        + "), or " + SuiteSpec.ALL + "; each with its own connection, workers and settings file.")
                .build());
        // Without --prefetch each daemon of the suite runs with its own default (DaemonRun#prefetchFor).
        CommandLine.Model.OptionSpec prefetch = cli.getCommandSpec().findOption(OptionRange.PREFETCH.option());
        cli.getCommandSpec().remove(prefetch);
        cli.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder(prefetch)
                .description("Unacknowledged requests the broker may push to each worker, for every daemon of the"
                        + " suite (default: each daemon's own, from its kind of work).")
                .build());
        return execute(cli, spec, out, err, args);
    }

    private static int execute(CommandLine cli, DaemonSpec spec, PrintWriter out, PrintWriter err, String... args) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report(spec.command(), error, commandLine.getErr()));
        int exitCode = cli.execute(args);
        ClassArchiveDump.keepOnlyIfOk(exitCode);
        return exitCode;
    }
}
