package cz.edeposit.amqp.daemon;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.ListResourceBundle;
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
        CommandLine cli = new CommandLine(new DaemonCommand(spec, env));
        cli.setCommandName(spec.command());
        cli.setResourceBundle(new Texts());
        // --prefetch has no annotated default: it is this daemon's (DaemonSpec#defaultPrefetch), shown by --help.
        cli.setDefaultValueProvider(option -> option instanceof CommandLine.Model.OptionSpec named
                && named.longestName().equals(OptionRange.PREFETCH.option())
                ? Integer.toString(spec.defaultPrefetch()) : null);
        cli.getCommandSpec().usageMessage().description(spec.description());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) ->
                ExitCodes.report(spec.command(), error, commandLine.getErr()));
        return cli.execute(args);
    }

    /** Help texts of the daemons that differ from the shared ones: a daemon reads its module's file too. */
    private static final class Texts extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{ConfigDirOption.DESCRIPTION_KEY,
                "Read amqp.json and the module's settings file from DIR only (also EDEPOSIT_CONFIG_DIR)."}};
        }
    }
}
