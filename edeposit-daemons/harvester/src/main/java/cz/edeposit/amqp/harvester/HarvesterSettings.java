package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of {@code harvester.json}: the original's four (its booleans now honoured) and the fetching limits.
 *
 * @param useDupFilter        remember announced books in {@code dupFilterFile} and never announce them again
 * @param useAlephFilter      drop books Aleph already holds (asked through {@code edeposit-alephd})
 * @param alephFilterByAuthor compare authors too (50 %) when the Aleph filter compares names
 * @param dupFilterFile       the JSON cache of announced books' keys ({@code ~} is the user's home)
 * @param sourcesFile         the YAML file of the sources the operator configures
 * @param stateDir            where the HTTP validators (ETag, Last-Modified) and the run lock live
 * @param userAgent           sent with every request and matched against robots.txt
 * @param minDelay            the least pause between two requests to one host
 * @param timeout             the longest wait to connect, for the headers, and between two pieces of a body
 * @param totalTimeout        how long the fetch of one document may take in all, its robots.txt, redirects, waits
 *                            and body included
 * @param maxBytes            the largest document read, after decompression
 * @param alephFilterTimeout  the longest wait for one answer of {@code edeposit-alephd}
 * @param destinations        the addresses the harvester may connect to, redirects included
 */
public record HarvesterSettings(boolean useDupFilter, boolean useAlephFilter, boolean alephFilterByAuthor,
                                Path dupFilterFile, Path sourcesFile, Path stateDir, String userAgent,
                                Duration minDelay, Duration timeout, Duration totalTimeout, long maxBytes,
                                Duration alephFilterTimeout, DestinationPolicy destinations) {

    static final String FILE = "harvester.json";
    static final String USE_DUP_FILTER = "USE_DUP_FILTER";
    static final String USE_ALEPH_FILTER = "USE_ALEPH_FILTER";
    static final String ALEPH_FILTER_BY_AUTHOR = "ALEPH_FILTER_BY_AUTHOR";
    static final String DUP_FILTER_FILE = "DUP_FILTER_FILE";
    static final String SOURCES_FILE = "HARVESTER_SOURCES_FILE";
    static final String STATE_DIR = "HARVESTER_STATE_DIR";
    static final String USER_AGENT = "HARVESTER_USER_AGENT";
    static final String MIN_DELAY = "HARVESTER_MIN_DELAY";
    static final String TIMEOUT = "HARVESTER_TIMEOUT";
    static final String TOTAL_TIMEOUT = "HARVESTER_TOTAL_TIMEOUT";
    static final String MAX_BYTES = "HARVESTER_MAX_BYTES";
    static final String ALEPH_FILTER_TIMEOUT = "ALEPH_FILTER_TIMEOUT";
    static final String ALLOW_NETWORKS = "HARVESTER_ALLOW_NETWORKS";
    static final String DENY_NETWORKS = "HARVESTER_DENY_NETWORKS";

    static final String DEFAULT_USER_AGENT = "edeposit-harvester/2.0 (legal deposit; +https://edeposit.nkp.cz/)";

    /** The keys with their defaults and ranges: seconds for times, bytes for the size. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .bool(USE_DUP_FILTER, true)
            .bool(USE_ALEPH_FILTER, false)
            .bool(ALEPH_FILTER_BY_AUTHOR, true)
            .nonBlank(DUP_FILTER_FILE, "~/.edeposit_harvester_cache.json")
            .path(SOURCES_FILE, "/etc/edeposit/harvester-sources.yaml")
            .path(STATE_DIR, "/var/lib/edeposit/harvester")
            .nonBlank(USER_AGENT, DEFAULT_USER_AGENT)
            .seconds(MIN_DELAY, 1, 0, 86_400)
            .seconds(TIMEOUT, 30, 0.001, 86_400)
            .seconds(TOTAL_TIMEOUT, 600, 0.001, 86_400)
            .bytes(MAX_BYTES, 50L << 20, 1, 1L << 30)
            .seconds(ALEPH_FILTER_TIMEOUT, 30, 0.001, 86_400)
            .strings(ALLOW_NETWORKS, List.of())
            .strings(DENY_NETWORKS, DestinationPolicy.DEFAULT_DENY)
            .build();

    /** Reads {@code harvester.json}; a bad value is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    public static HarvesterSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, HarvesterSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}; the cache path is checked here. */
    static HarvesterSettings from(Settings settings) {
        return new HarvesterSettings(settings.bool(USE_DUP_FILTER), settings.bool(USE_ALEPH_FILTER),
                settings.bool(ALEPH_FILTER_BY_AUTHOR), cacheFile(settings), settings.path(SOURCES_FILE),
                settings.path(STATE_DIR), settings.string(USER_AGENT), settings.duration(MIN_DELAY),
                settings.duration(TIMEOUT), totalTimeout(settings), settings.bytes(MAX_BYTES),
                settings.duration(ALEPH_FILTER_TIMEOUT),
                new DestinationPolicy(networks(settings, ALLOW_NETWORKS), networks(settings, DENY_NETWORKS)));
    }

    /** A fetch may first wait HARVESTER_MIN_DELAY: a total no longer than that would fail every later fetch from a host. */
    private static Duration totalTimeout(Settings settings) {
        Duration total = settings.duration(TOTAL_TIMEOUT);
        Duration minDelay = settings.duration(MIN_DELAY);
        if (total.compareTo(minDelay) <= 0) {
            throw settings.invalid(TOTAL_TIMEOUT, "must be longer than HARVESTER_MIN_DELAY (" + seconds(minDelay)
                    + " s), which each fetch may wait first; raise it or lower HARVESTER_MIN_DELAY, not "
                    + seconds(total));
        }
        return total;
    }

    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static List<Network> networks(Settings settings, String key) {
        List<Network> networks = new ArrayList<>();
        for (String text : settings.strings(key)) {
            try {
                networks.add(Network.parse(text));
            } catch (IllegalArgumentException e) {
                throw settings.invalid(key, "must be a list of networks in CIDR notation, such as [\"10.0.0.0/8\","
                        + " \"fc00::/7\"], not with \"" + text + "\"");
            }
        }
        return networks;
    }

    /** The original expanded {@code ~} (Python's expanduser); anything else must be absolute. */
    private static Path cacheFile(Settings settings) {
        String text = settings.string(DUP_FILTER_FILE);
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        Path path = Path.of(text);
        if (!path.isAbsolute()) {
            throw settings.invalid(DUP_FILTER_FILE, "must be an absolute path or start with ~/, such as"
                    + " \"~/.edeposit_harvester_cache.json\", not \"" + settings.string(DUP_FILTER_FILE) + "\"");
        }
        return path.normalize();
    }
}
