package cz.edeposit.amqp.daemon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The lines {@code status} prints under {@code ... is running (pid N)}: uptime, request counts and
 * the last error, each indented and starting with a fixed label that scripts can grep for.
 */
final class StatusLines {

    private StatusLines() {
    }

    static List<String> of(DaemonActivity activity, Instant now) {
        String lastError = activity.lastError()
                .map(error -> error.text() + " (at " + error.at().truncatedTo(ChronoUnit.SECONDS) + ", "
                        + duration(Duration.between(error.at(), now)) + " ago)")
                .orElse("none");
        return List.of(
                "  uptime: " + duration(Duration.between(activity.started(), now)) + " (since "
                        + activity.started().truncatedTo(ChronoUnit.SECONDS) + ")",
                "  requests: " + activity.served() + " served, " + activity.failed() + " failed",
                "  last error: " + lastError);
    }

    /** {@code 3d 04:05:06}, or {@code 04:05:06} under a day. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        String clock = String.format("%02d:%02d:%02d", seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
        return days > 0 ? days + "d " + clock : clock;
    }
}
