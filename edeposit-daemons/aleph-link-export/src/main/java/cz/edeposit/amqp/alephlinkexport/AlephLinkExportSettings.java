package cz.edeposit.amqp.alephlinkexport;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings of {@code aleph_export.json}: the original's seven keys, with its defaults except
 * {@code DATABASE_FN}, which now names a JSON file (the original's shelve file cannot be read).
 *
 * @param requestFile   {@code REQUEST_FN}: the {@code requests.xml} Aleph reads
 * @param responseFile  {@code RESPONSE_FN}: the {@code responses.xml} Aleph writes
 * @param databaseFile  {@code DATABASE_FN}: the store of pending requests and undelivered results
 * @param logFile       {@code LOG_FN}: the exchange's own log, appended to when {@code loggingEnabled}
 * @param databaseKey   {@code DATABASE_KEY}: the top-level key of the store's JSON object
 * @param schemaLink    {@code EXPORT_XSD_LINK}: where Aleph finds the notification schema ({@code xsi:schemaLocation})
 * @param loggingEnabled {@code LOGGING_ENABLED}
 */
public record AlephLinkExportSettings(Path requestFile, Path responseFile, Path databaseFile, Path logFile,
                                      String databaseKey, String schemaLink, boolean loggingEnabled) {

    static final String FILE = "aleph_export.json";
    static final String REQUEST_FN = "REQUEST_FN";
    static final String RESPONSE_FN = "RESPONSE_FN";
    static final String DATABASE_FN = "DATABASE_FN";
    static final String LOG_FN = "LOG_FN";
    static final String DATABASE_KEY = "DATABASE_KEY";
    static final String EXPORT_XSD_LINK = "EXPORT_XSD_LINK";
    static final String LOGGING_ENABLED = "LOGGING_ENABLED";

    /** Every key of {@code aleph_export.json} with its default. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .path(REQUEST_FN, "/home/aleph_export/edep2aleph/requests.xml")
            .path(RESPONSE_FN, "/home/aleph_export/aleph2edep/responses.xml")
            .path(DATABASE_FN, "/home/aleph_export/request_database.json")
            .path(LOG_FN, "/home/aleph_export/link_export.log")
            .nonBlank(DATABASE_KEY, "request_database")
            .nonBlank(EXPORT_XSD_LINK, "http://edeposit-aplikace.nkp.cz/link_export_notification.xsd")
            .bool(LOGGING_ENABLED, true)
            .build();

    /** Reads {@code aleph_export.json}; a bad value or a missing directory is a one-line ConfigException. */
    public static AlephLinkExportSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, AlephLinkExportSettings::from);
    }

    /** Converts values that core has already checked, and checks that the files' directories are there to write in. */
    static AlephLinkExportSettings from(Settings settings) {
        boolean logging = settings.bool(LOGGING_ENABLED);
        for (String key : logging ? new String[] {REQUEST_FN, RESPONSE_FN, DATABASE_FN, LOG_FN}
                : new String[] {REQUEST_FN, RESPONSE_FN, DATABASE_FN}) {
            writableDirectory(settings, key);
        }
        String link = settings.string(EXPORT_XSD_LINK);
        if (link.chars().anyMatch(Character::isWhitespace)) {
            // xsi:schemaLocation is a list of namespace and location pairs separated by white space.
            throw settings.invalid(EXPORT_XSD_LINK, "must be one URI without spaces, not \"" + link + "\"");
        }
        return new AlephLinkExportSettings(settings.path(REQUEST_FN), settings.path(RESPONSE_FN),
                settings.path(DATABASE_FN), settings.path(LOG_FN), settings.string(DATABASE_KEY), link, logging);
    }

    private static void writableDirectory(Settings settings, String key) {
        Path file = settings.path(key);
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw settings.invalid(key, "names " + file + ", whose directory " + dir + " does not exist; create it"
                    + " (writable by the daemon's user) or point " + key + " elsewhere");
        }
        if (!Files.isWritable(dir)) {
            throw settings.invalid(key, "names " + file + ", whose directory " + dir + " is not writable by this user;"
                    + " give the daemon's user write access to it");
        }
        if (Files.isDirectory(file)) {
            throw settings.invalid(key, "names " + file + ", which is a directory; name a file in it");
        }
    }
}
