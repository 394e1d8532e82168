package cz.edeposit.amqp.daemon;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running daemon has done since it started, as its state file records it for {@code status}.
 *
 * @param started   when the daemon started
 * @param served    requests answered with a result
 * @param failed    requests answered with an exception reply
 * @param lastError the latest exception reply, if any
 */
record DaemonActivity(Instant started, long served, long failed, Optional<LastError> lastError) {

    /** An exception reply: when, and its {@code exception_name: message} on one line. */
    record LastError(Instant at, String text) {
        LastError {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
        }
    }

    DaemonActivity {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(lastError, "lastError");
    }
}
