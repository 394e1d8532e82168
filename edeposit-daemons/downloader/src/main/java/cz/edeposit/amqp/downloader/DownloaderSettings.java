package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.net.DestinationPolicy;
import cz.edeposit.amqp.net.Network;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits of {@code downloader.json}; the original had no settings file, so every key is Java-only.
 *
 * @param connectTimeout how long opening the TCP (and TLS) connection may take
 * @param readTimeout    the longest wait for the response headers, and between two pieces of the body
 * @param maxSize        the largest body accepted, in bytes: the reply carries it base64-encoded in one message
 * @param totalTimeout   how long one download may take in all, redirects included
 * @param destinations   the addresses the downloader may connect to
 */
public record DownloaderSettings(Duration connectTimeout, Duration readTimeout, long maxSize, Duration totalTimeout,
                                 DestinationPolicy destinations) {

    static final String FILE = "downloader.json";
    static final String CONNECT_TIMEOUT = "DOWNLOADER_CONNECT_TIMEOUT";
    static final String READ_TIMEOUT = "DOWNLOADER_READ_TIMEOUT";
    static final String MAX_SIZE = "DOWNLOADER_MAX_SIZE";
    static final String TOTAL_TIMEOUT = "DOWNLOADER_TOTAL_TIMEOUT";
    static final String ALLOW_NETWORKS = "DOWNLOADER_ALLOW_NETWORKS";
    static final String DENY_NETWORKS = "DOWNLOADER_DENY_NETWORKS";

    /** Java arrays, and so base64 strings, end near 2 GiB; 1 GiB keeps the encoded reply below that. */
    static final long MAX_SIZE_CEILING = 1L << 30;

    /** The keys of {@code downloader.json} with their defaults and ranges: seconds for timeouts, bytes for the size. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .seconds(CONNECT_TIMEOUT, 10, 0.001, 86_400)
            .seconds(READ_TIMEOUT, 30, 0.001, 86_400)
            .bytes(MAX_SIZE, 64L << 20, 1, MAX_SIZE_CEILING)
            .seconds(TOTAL_TIMEOUT, 600, 0.001, 86_400)
            .strings(ALLOW_NETWORKS, List.of())
            .strings(DENY_NETWORKS, DestinationPolicy.DEFAULT_DENY)
            .build();

    /** The defaults of the other keys with these three limits: every destination but public unicast is denied. */
    DownloaderSettings(Duration connectTimeout, Duration readTimeout, long maxSize) {
        this(connectTimeout, readTimeout, maxSize, Duration.ofMinutes(10),
                new DestinationPolicy(List.of(), networks(DestinationPolicy.DEFAULT_DENY)));
    }

    /** Reads {@code downloader.json}; a bad value is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    public static DownloaderSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, DownloaderSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}; the networks are checked here. */
    static DownloaderSettings from(Settings settings) {
        DestinationPolicy destinations = new DestinationPolicy(networks(settings, ALLOW_NETWORKS),
                networks(settings, DENY_NETWORKS));
        return new DownloaderSettings(settings.duration(CONNECT_TIMEOUT), settings.duration(READ_TIMEOUT),
                settings.bytes(MAX_SIZE), settings.duration(TOTAL_TIMEOUT), destinations);
    }

    private static List<Network> networks(Settings settings, String key) {
        List<Network> networks = new ArrayList<>();
        for (String text : settings.strings(key)) {
            try {
                networks.add(Network.parse(text));
            } catch (IllegalArgumentException e) {
                throw settings.invalid(key, "must be a list of networks in CIDR notation, such as [\"10.0.0.0/8\","
                        + " \"fc00::/7\"], not with \"" + UrlPolicy.shorten(text) + "\"");
            }
        }
        return networks;
    }

    private static List<Network> networks(List<String> texts) {
        return texts.stream().map(Network::parse).toList();
    }
}
