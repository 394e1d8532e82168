package cz.edeposit.amqp.daemon;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.concurrent.Callable;

/**
 * Command lines declared in code with picocli's programmatic API, so that no annotation is read in
 * the JVM (docs/performance.md, "What picocli costs"): the command's frame, the standard help
 * options, and the parsed values read by option name. The daemons ({@link DaemonOptions}) and the
 * tool and its benchmarks build theirs with it.
 */
public final class CommandSpecs {

    private CommandSpecs() {
    }

    /**
     * The command {@code name}, which runs {@code command}: {@code --help} shows the description lines,
     * the options in the order they are added, and the footer after a blank line; {@code --version}
     * reports the build's version ({@link VersionProvider}).
     */
    public static CommandSpec command(String name, Callable<Integer> command, String footer, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new VersionProvider());
        spec.usageMessage().description(description).sortOptions(false).autoWidth(true).footer("", footer);
        return spec;
    }

    /**
     * Adds {@code -h, --help} and {@code -V, --version} last, as picocli's {@code mixinStandardHelpOptions}
     * would, whose help mixin is itself annotated.
     */
    public static void addHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** The parsed value of option {@code name}: as given, else its default, else null. */
    public static <T> T value(CommandSpec spec, String name) {
        return spec.findOption(name).getValue();
    }

    /** Whether the flag {@code name} was given. */
    public static boolean flag(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(value(spec, name));
    }
}
