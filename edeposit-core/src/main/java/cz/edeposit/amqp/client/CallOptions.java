package cz.edeposit.amqp.client;

import java.time.Duration;

/**
 * How one call differs from the client's defaults.
 *
 * @param timeout  how long to wait for the final reply; {@code null} for the client's default
 * @param progress receives progress messages in order; {@code null} to ignore them
 * @param uuid     the {@code UUID} header value to send, e.g. a Plone-style JSON text; {@code null}
 *                 for a fresh random UUID. It must not be in use by another pending call.
 */
public record CallOptions(Duration timeout, ProgressListener progress, String uuid) {

    private static final CallOptions DEFAULTS = new CallOptions(null, null, null);

    public CallOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (uuid != null && uuid.isEmpty()) {
            throw new IllegalArgumentException("uuid must not be empty (daemons treat \"\" as a missing UUID)");
        }
    }

    /** The client's default time-out, no progress listener, a random UUID. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    public CallOptions withTimeout(Duration newTimeout) {
        return new CallOptions(newTimeout, progress, uuid);
    }

    public CallOptions withProgress(ProgressListener listener) {
        return new CallOptions(timeout, listener, uuid);
    }

    public CallOptions withUuid(String newUuid) {
        return new CallOptions(timeout, progress, newUuid);
    }
}
