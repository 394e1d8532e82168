package cz.edeposit.amqp.settings;

/**
 * The one wording of a settings error: where the value came from, the key, what is wrong, and the
 * {@code EDEPOSIT_<KEY>} variable that can set it.
 *
 * <p>From a file: {@code /etc/edeposit/downloader.json (or EDEPOSIT_DOWNLOADER_MAX_SIZE):
 * DOWNLOADER_MAX_SIZE must be a number of bytes from 1 to 1073741824 (1 GiB), not 0}. From the
 * environment the variable is the origin and names the key: {@code EDEPOSIT_DOWNLOADER_MAX_SIZE: must
 * be ..., not "0"}. A default that a daemon's own check refuses names the file that was not found.
 */
final class SettingsErrors {

    private SettingsErrors() {
    }

    /**
     * @param origin  the file's path, the variable's name, or {@link Settings#DEFAULT_ORIGIN}
     * @param key     the setting's key
     * @param problem what is wrong, starting with a verb: {@code must be ..., not ...}
     */
    static ConfigException invalid(String origin, String key, String problem) {
        return invalid(origin, null, key, problem);
    }

    /** As {@link #invalid(String, String, String)}, naming {@code fileName} when the value is the default. */
    static ConfigException invalid(String origin, String fileName, String key, String problem) {
        String variable = Settings.ENV_PREFIX + key;
        if (origin.equals(variable)) {
            return new ConfigException(variable + ": " + problem);
        }
        String where = origin.equals(Settings.DEFAULT_ORIGIN)
                ? "the default (no " + (fileName == null ? "settings file" : fileName) + " found; or " + variable + ")"
                : origin + " (or " + variable + ")";
        return new ConfigException(where + ": " + key + " " + problem);
    }
}
