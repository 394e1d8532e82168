package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.ConfigLocator;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --config-dir DIR} of every command that reads settings: declared in code for the daemons
 * ({@link #option}, {@link DaemonOptions}), and the picocli mixin ({@code @Mixin}) of
 * {@code edeposit-amqp-tool} and its {@code bench}, whose commands are still annotated.
 *
 * <p>Its help text speaks of {@code amqp.json}; an annotated command that reads more files from the
 * directory says so under {@link #DESCRIPTION_KEY} in its resource bundle.
 */
public final class ConfigDirOption {

    /** The key of the option's help text in a command's resource bundle. */
    public static final String DESCRIPTION_KEY = "config-dir";

    static final String NAME = "--config-dir";

    private static final String LABEL = "DIR";

    private static final Path SYSTEM_DIR = Path.of("/etc/edeposit");

    @Option(names = NAME, paramLabel = LABEL, descriptionKey = DESCRIPTION_KEY,
            description = "Read amqp.json from DIR only (also EDEPOSIT_CONFIG_DIR).")
    private Path dir;

    /** The option for a command declared in code, with its own help text. */
    static OptionSpec option(String description) {
        return OptionSpec.builder(NAME).paramLabel(LABEL).type(Path.class).description(description).build();
    }

    /** Where settings files are looked for: DIR, else EDEPOSIT_CONFIG_DIR, else $HOME/edeposit, else /etc/edeposit. */
    public ConfigLocator locator(Map<String, String> env) {
        return locator(dir, env);
    }

    /** As {@link #locator(Map)}, with {@code dir} the option's value (null when not given). */
    static ConfigLocator locator(Path dir, Map<String, String> env) {
        return new ConfigLocator(dir, env, SYSTEM_DIR);
    }
}
