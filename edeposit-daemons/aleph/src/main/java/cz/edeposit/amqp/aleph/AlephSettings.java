package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;
import java.net.URI;
import java.time.Duration;

/**
 * The aleph daemon's settings, from {@code aleph.json}: the original's six keys plus the Java-only
 * limits (records per search, request rate, time-outs, answer size).
 *
 * @param alephUrl          X-Services base URL, without a trailing slash
 * @param defaultBase       base of queries that name none
 * @param defaultLibrary    library of search results and of document queries that name none
 * @param exportUrl         the export form's URL
 * @param exportSignature   the form's {@code sid} field
 * @param exportReferer     the {@code Referer} header of the export POST
 * @param maxRecords        records fetched per search (the original's {@code MAX_RECORDS})
 * @param requestsPerSecond cap on HTTP requests to the catalogue, for the whole daemon
 * @param connectTimeout    TCP connect time-out
 * @param requestTimeout    time-out of one HTTP request, answer included
 * @param maxResponseBytes  largest answer read; a larger one is an error
 */
public record AlephSettings(URI alephUrl, String defaultBase, String defaultLibrary, URI exportUrl,
                            String exportSignature, String exportReferer, int maxRecords, int requestsPerSecond,
                            Duration connectTimeout, Duration requestTimeout, long maxResponseBytes) {

    /** The settings file name. */
    public static final String FILE = "aleph.json";

    /** The catalogue licence allows at most this many requests a second. */
    public static final int LICENSED_REQUESTS_PER_SECOND = 150;

    /** Every key of {@code aleph.json} with its default and range. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .httpUrl("ALEPH_URL", "http://aleph.nkp.cz")
            .nonBlank("ALEPH_DEFAULT_BASE", "nkc")
            .nonBlank("DEFAULT_LIBRARY", "CZE01")
            .string("EDEPOSIT_EXPORT_SIGNATURE", "edeposit")
            .string("EDEPOSIT_EXPORT_REFERER", "edeposit")
            .httpUrl("ALEPH_EXPORT_URL", "http://aleph.nkp.cz/aleph-cgi/e-deposit")
            .integer("ALEPH_MAX_RECORDS", 30, 1, 1000)
            .integer("ALEPH_MAX_REQUESTS_PER_SECOND", 10, 1, LICENSED_REQUESTS_PER_SECOND)
            .seconds("ALEPH_CONNECT_TIMEOUT", 10, 1, 3600)
            .seconds("ALEPH_REQUEST_TIMEOUT", 60, 1, 3600)
            .bytes("ALEPH_MAX_RESPONSE_BYTES", 16L << 20, 1024, 1L << 30)
            .build();

    /** Reads {@code aleph.json}; a bad value is a one-line {@link ConfigException}. */
    public static AlephSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, AlephSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}. */
    static AlephSettings from(Settings settings) {
        return new AlephSettings(
                settings.url("ALEPH_URL"),
                settings.string("ALEPH_DEFAULT_BASE"),
                settings.string("DEFAULT_LIBRARY"),
                settings.url("ALEPH_EXPORT_URL"),
                settings.string("EDEPOSIT_EXPORT_SIGNATURE"),
                settings.string("EDEPOSIT_EXPORT_REFERER"),
                (int) settings.integer("ALEPH_MAX_RECORDS"),
                (int) settings.integer("ALEPH_MAX_REQUESTS_PER_SECOND"),
                settings.duration("ALEPH_CONNECT_TIMEOUT"),
                settings.duration("ALEPH_REQUEST_TIMEOUT"),
                settings.bytes("ALEPH_MAX_RESPONSE_BYTES"));
    }
}
