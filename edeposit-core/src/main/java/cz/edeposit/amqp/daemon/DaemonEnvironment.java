package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link HandlerFactory} may read: the AMQP settings, the module's own settings file (same
 * directory rule as {@code amqp.json}) and the concurrency the daemon was started with.
 */
public record DaemonEnvironment(ConfigLocator locator, Map<String, String> env, AmqpSettings amqp, int workers) {

    /**
     * Loads a module settings file such as {@code downloader.json} with the shared rules, every value
     * checked against {@code schema}, and converts it with {@code build} (a settings record's {@code from}).
     */
    public <T> T load(SettingsSchema schema, String fileName, Function<Settings, T> build) {
        return Settings.load(schema, fileName, locator, env, build);
    }
}
