package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.ConfigLocator;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --config-dir DIR}, the picocli mixin ({@code @Mixin}) of every command that reads
 * settings: the daemons, {@code edeposit-amqp-tool} and its {@code bench}.
 *
 * <p>Its help text speaks of {@code amqp.json}; a command that reads more files from the directory
 * says so under {@link #DESCRIPTION_KEY} in its resource bundle, as the daemons do.
 */
public final class ConfigDirOption {

    /** The key of the option's help text in a command's resource bundle. */
    public static final String DESCRIPTION_KEY = "config-dir";

    private static final Path SYSTEM_DIR = Path.of("/etc/edeposit");

    @Option(names = "--config-dir", paramLabel = "DIR", descriptionKey = DESCRIPTION_KEY,
            description = "Read amqp.json from DIR only (also EDEPOSIT_CONFIG_DIR).")
    private Path dir;

    /** Where settings files are looked for: DIR, else EDEPOSIT_CONFIG_DIR, else $HOME/edeposit, else /etc/edeposit. */
    public ConfigLocator locator(Map<String, String> env) {
        return new ConfigLocator(dir, env, SYSTEM_DIR);
    }
}
