package cz.edeposit.amqp.marcxml2mods;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

/**
 * The limit of {@code marcxml2mods.json}; the original had no settings file, so the key is Java-only.
 *
 * @param maxRecords the most records one request may hold; more is a {@code ValueError}
 */
public record Marcxml2modsSettings(int maxRecords) {

    static final String FILE = "marcxml2mods.json";
    static final String MAX_RECORDS = "MX2MODS_MAX_RECORDS";

    /** The keys of {@code marcxml2mods.json} with their defaults and ranges. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .integer(MAX_RECORDS, 1000, 1, 100_000)
            .build();

    /** Reads {@code marcxml2mods.json}; a bad value is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    public static Marcxml2modsSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, Marcxml2modsSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}. */
    static Marcxml2modsSettings from(Settings settings) {
        return new Marcxml2modsSettings((int) settings.integer(MAX_RECORDS));
    }
}
