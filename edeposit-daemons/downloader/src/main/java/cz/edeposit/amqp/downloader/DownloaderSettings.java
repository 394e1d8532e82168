package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.settings.ConfigException;
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

    static final String FILE_NAME = "downloader.json";
    static final String CONNECT_TIMEOUT = "DOWNLOADER_CONNECT_TIMEOUT";
    static final String READ_TIMEOUT = "DOWNLOADER_READ_TIMEOUT";
    static final String MAX_SIZE = "DOWNLOADER_MAX_SIZE";

    /** Java arrays, and so base64 strings, end near 2 GiB; 1 GiB keeps the encoded reply below that. */
    static final long MAX_SIZE_CEILING = 1L << 30;
    private static final double MAX_TIMEOUT_SECONDS = 86_400;

    /** The keys of {@code downloader.json} with their defaults: seconds for timeouts, bytes for the size. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .decimal(CONNECT_TIMEOUT, 10)
            .decimal(READ_TIMEOUT, 30)
            .integer(MAX_SIZE, 64L * 1024 * 1024)
            .build();

    public DownloaderSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, not " + connectTimeout + " and " + readTimeout);
        }
        if (maxSize < 1 || maxSize > MAX_SIZE_CEILING) {
            throw new IllegalArgumentException("maxSize must be 1-" + MAX_SIZE_CEILING + " bytes, not " + maxSize);
        }
    }

    /**
     * Checks and converts loaded values.
     *
     * @throws ConfigException naming the key, the bad value and the accepted range
     */
    public static DownloaderSettings from(Settings settings) {
        String where = settings.source().map(path -> " (" + path + " or EDEPOSIT_<KEY>)").orElse(" (EDEPOSIT_<KEY>)");
        return new DownloaderSettings(
                seconds(settings, CONNECT_TIMEOUT, where),
                seconds(settings, READ_TIMEOUT, where),
                size(settings, where));
    }

    private static Duration seconds(Settings settings, String key, String where) {
        double seconds = settings.decimal(key);
        if (!(seconds >= 0.001 && seconds <= MAX_TIMEOUT_SECONDS)) {
            throw new ConfigException(key + where + " must be a number of seconds from 0.001 to "
                    + (long) MAX_TIMEOUT_SECONDS + ", not " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static long size(Settings settings, String where) {
        long bytes = settings.integer(MAX_SIZE);
        if (bytes < 1 || bytes > MAX_SIZE_CEILING) {
            throw new ConfigException(MAX_SIZE + where + " must be a number of bytes from 1 to " + MAX_SIZE_CEILING
                    + " (1 GiB), not " + bytes);
        }
        return bytes;
    }
}
