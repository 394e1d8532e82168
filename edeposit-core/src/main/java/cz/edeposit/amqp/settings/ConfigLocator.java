package cz.edeposit.amqp.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which single settings file is read: a named config dir, else {@code $HOME/edeposit}, else {@code /etc/edeposit}.
 *
 * <p>The first file found wins and files are never merged, as in the original. A config dir (the
 * {@code --config-dir} option, or else the environment variable {@code EDEPOSIT_CONFIG_DIR}) replaces
 * the home and {@code /etc} lookup entirely, so a test or a second instance cannot pick up a
 * production file by accident. An empty {@code HOME} or {@code EDEPOSIT_CONFIG_DIR} counts as unset.
 */
public final class ConfigLocator {
    static final String CONFIG_DIR_ENV = "EDEPOSIT_CONFIG_DIR";
    static final String CONFIG_DIR_OPTION = "--config-dir";

    private final Path configDir;
    private final String configDirOrigin;
    private final Path homeDir;
    private final Path etcDir;

    /**
     * @param configDir the directory given with {@code --config-dir}, or null
     * @param env the process environment (read for {@code EDEPOSIT_CONFIG_DIR} and {@code HOME})
     * @param etcDir the system directory, normally {@code /etc/edeposit}
     */
    public ConfigLocator(Path configDir, Map<String, String> env, Path etcDir) {
        Objects.requireNonNull(env, "env");
        this.etcDir = Objects.requireNonNull(etcDir, "etcDir");
        String envDir = nonEmpty(env.get(CONFIG_DIR_ENV));
        if (configDir != null) {
            this.configDir = configDir;
            this.configDirOrigin = CONFIG_DIR_OPTION;
        } else if (envDir != null) {
            this.configDir = Path.of(envDir);
            this.configDirOrigin = CONFIG_DIR_ENV;
        } else {
            this.configDir = null;
            this.configDirOrigin = null;
        }
        String home = nonEmpty(env.get("HOME"));
        this.homeDir = home == null ? null : Path.of(home).resolve("edeposit");
    }

    /**
     * The one file to read for {@code fileName}, or empty when the defaults apply.
     *
     * @throws ConfigException when a config dir is named but is not an existing directory
     */
    public Optional<Path> find(String fileName) {
        checkFileName(fileName);
        if (configDir != null) {
            if (!Files.isDirectory(configDir)) {
                throw new ConfigException(configDirOrigin + " " + configDir + ": "
                        + (Files.exists(configDir) ? "is not a directory" : "no such directory")
                        + "; point " + configDirOrigin + " at the directory that holds " + fileName
                        + (configDirOrigin.equals(CONFIG_DIR_ENV) ? ", or unset it" : ""));
            }
            return existing(configDir.resolve(fileName));
        }
        if (homeDir != null) {
            Optional<Path> home = existing(homeDir.resolve(fileName));
            if (home.isPresent()) {
                return home;
            }
        }
        return existing(etcDir.resolve(fileName));
    }

    /** One line for the log saying where {@code fileName} was looked for and what was found. */
    public String describe(String fileName) {
        checkFileName(fileName);
        if (configDir != null) {
            String from = " (config dir from " + configDirOrigin + ")";
            if (!Files.isDirectory(configDir)) {
                return fileName + ": config dir " + configDir + " is missing" + from;
            }
            return describeFound(fileName, configDir, "only " + configDir + from);
        }
        String places = homeDir == null
                ? etcDir + " (HOME is not set)"
                : homeDir + ", then " + etcDir;
        Path dir = homeDir != null && Files.exists(homeDir.resolve(fileName)) ? homeDir : etcDir;
        return describeFound(fileName, dir, places);
    }

    private static String describeFound(String fileName, Path dir, String places) {
        Path file = dir.resolve(fileName);
        return Files.exists(file)
                ? fileName + ": using " + file + " (looked in " + places + ")"
                : fileName + ": no file found in " + places + "; using defaults";
    }

    // Files.exists rather than isRegularFile: like the original, a directory in the way is an error, not a fall-through.
    private static Optional<Path> existing(Path file) {
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    private static void checkFileName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("a settings file name must be a plain file name, not '" + fileName + "'");
        }
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
