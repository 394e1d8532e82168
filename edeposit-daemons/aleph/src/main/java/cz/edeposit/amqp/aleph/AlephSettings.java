package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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

    /** Every key of {@code aleph.json} with its default. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .string("ALEPH_URL", "http://aleph.nkp.cz")
            .string("ALEPH_DEFAULT_BASE", "nkc")
            .string("DEFAULT_LIBRARY", "CZE01")
            .string("EDEPOSIT_EXPORT_SIGNATURE", "edeposit")
            .string("EDEPOSIT_EXPORT_REFERER", "edeposit")
            .string("ALEPH_EXPORT_URL", "http://aleph.nkp.cz/aleph-cgi/e-deposit")
            .integer("ALEPH_MAX_RECORDS", 30)
            .integer("ALEPH_MAX_REQUESTS_PER_SECOND", 10)
            .integer("ALEPH_CONNECT_TIMEOUT", 10)
            .integer("ALEPH_REQUEST_TIMEOUT", 60)
            .integer("ALEPH_MAX_RESPONSE_BYTES", 16L * 1024 * 1024)
            .build();

    /**
     * Checks and converts loaded settings.
     *
     * @throws ConfigException naming the key, the file and what a valid value looks like
     */
    public static AlephSettings from(Settings settings) {
        String where = settings.source().map(Path::toString).orElse("the defaults");
        return new AlephSettings(
                httpUrl(settings, "ALEPH_URL", where),
                nonBlank(settings, "ALEPH_DEFAULT_BASE", where),
                nonBlank(settings, "DEFAULT_LIBRARY", where),
                httpUrl(settings, "ALEPH_EXPORT_URL", where),
                settings.string("EDEPOSIT_EXPORT_SIGNATURE"),
                settings.string("EDEPOSIT_EXPORT_REFERER"),
                (int) range(settings, "ALEPH_MAX_RECORDS", 1, 1000, where),
                (int) range(settings, "ALEPH_MAX_REQUESTS_PER_SECOND", 1, LICENSED_REQUESTS_PER_SECOND, where),
                Duration.ofSeconds(range(settings, "ALEPH_CONNECT_TIMEOUT", 1, 3600, where)),
                Duration.ofSeconds(range(settings, "ALEPH_REQUEST_TIMEOUT", 1, 3600, where)),
                range(settings, "ALEPH_MAX_RESPONSE_BYTES", 1024, 1L << 30, where));
    }

    private static URI httpUrl(Settings settings, String key, String where) {
        String text = settings.string(key).strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            }
        } catch (URISyntaxException e) {
            // Reported below with the same message as any other unusable URL.
        }
        throw new ConfigException(key + " in " + where + " (or EDEPOSIT_" + key + ") must be an http:// or https://"
                + " URL with a host and no query, e.g. http://aleph.nkp.cz, not '" + text + "'");
    }

    private static String nonBlank(Settings settings, String key, String where) {
        String value = settings.string(key).strip();
        if (value.isEmpty()) {
            throw new ConfigException(key + " in " + where + " (or EDEPOSIT_" + key + ") must not be blank");
        }
        return value;
    }

    private static long range(Settings settings, String key, long min, long max, String where) {
        long value = settings.integer(key);
        if (value < min || value > max) {
            throw new ConfigException(key + " in " + where + " (or EDEPOSIT_" + key + ") must be from " + min
                    + " to " + max + ", not " + value);
        }
        return value;
    }
}
