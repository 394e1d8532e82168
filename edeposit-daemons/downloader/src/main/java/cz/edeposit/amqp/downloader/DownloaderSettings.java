package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.time.Duration;

/**
 * The limits of {@code downloader.json}; the original had no settings file, so every key is Java-only.
 *
 * @param connectTimeout how long opening the TCP (and TLS) connection may take
 * @param readTimeout    the longest wait for the response headers, and between two pieces of the body
 * @param maxSize        the largest body accepted, in bytes: the reply carries it base64-encoded in one message
 */
public record DownloaderSettings(Duration connectTimeout, Duration readTimeout, long maxSize) {

    static final String FILE = "downloader.json";
    static final String CONNECT_TIMEOUT = "DOWNLOADER_CONNECT_TIMEOUT";
    static final String READ_TIMEOUT = "DOWNLOADER_READ_TIMEOUT";
    static final String MAX_SIZE = "DOWNLOADER_MAX_SIZE";

    /** Java arrays, and so base64 strings, end near 2 GiB; 1 GiB keeps the encoded reply below that. */
    static final long MAX_SIZE_CEILING = 1L << 30;

    /** The keys of {@code downloader.json} with their defaults and ranges: seconds for timeouts, bytes for the size. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .seconds(CONNECT_TIMEOUT, 10, 0.001, 86_400)
            .seconds(READ_TIMEOUT, 30, 0.001, 86_400)
            .bytes(MAX_SIZE, 64L << 20, 1, MAX_SIZE_CEILING)
            .build();

    /** Reads {@code downloader.json}; a bad value is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    public static DownloaderSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, DownloaderSettings::from);
    }

    /** Converts values that core has already checked against {@link #SCHEMA}. */
    static DownloaderSettings from(Settings settings) {
        return new DownloaderSettings(settings.duration(CONNECT_TIMEOUT), settings.duration(READ_TIMEOUT),
                settings.bytes(MAX_SIZE));
    }
}
