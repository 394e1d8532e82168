package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.ConfigLocator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --config-dir DIR} of every command that reads settings, declared in code ({@link CommandSpecs}):
 * the daemons' ({@link DaemonOptions}), {@code edeposit-amqp-tool}'s and its benchmarks'.
 */
public final class ConfigDirOption {

    static final String NAME = "--config-dir";

    private static final Path SYSTEM_DIR = Path.of("/etc/edeposit");

    private ConfigDirOption() {
    }

    /** The option of a command that reads amqp.json alone from the directory. */
    public static OptionSpec option() {
        return option("Read amqp.json from DIR only (also EDEPOSIT_CONFIG_DIR).");
    }

    /** The option with its own help text, for a command that reads more files from the directory. */
    static OptionSpec option(String description) {
        return OptionSpec.builder(NAME).paramLabel("DIR").type(Path.class).description(description).build();
    }

    /**
     * Where the settings files of the parsed {@code command} are looked for: DIR, else
     * EDEPOSIT_CONFIG_DIR, else $HOME/edeposit, else /etc/edeposit.
     */
    public static ConfigLocator locator(CommandSpec command, Map<String, String> env) {
        Path dir = CommandSpecs.value(command, NAME);
        return new ConfigLocator(dir, env, SYSTEM_DIR);
    }
}
