package cz.edeposit.amqp.downloader;

/**
 * Decides when a {@code ProgressDownload} reports. With a known length, step {@code k} of {@code steps}
 * is due once {@code k/steps} of the body has arrived; without one, a step is due every 64 KiB. At
 * most one report follows each piece of body (a piece spanning several steps reports the last), and
 * the last report always carries the complete byte count: with a known length it is step
 * {@code steps}, also for an empty body.
 */
final class ProgressTracker {

    /** Without a Content-Length there is no fraction to report, only a count. */
    static final long UNKNOWN_LENGTH_INTERVAL = 64 * 1024;

    private final int steps;
    private int lastStep;
    private long lastReported = -1;

    /** @throws IllegalArgumentException for fewer than one step */
    ProgressTracker(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, not " + steps);
        }
        this.steps = steps;
    }

    /** The step to report after {@code downloaded} bytes, or 0 when none is due. */
    int due(long downloaded, long contentLength) {
        int step;
        if (contentLength > 0) {
            // downloaded <= contentLength <= 1 GiB and steps < 2^31: the product fits a long.
            step = (int) Math.min(steps, downloaded * steps / contentLength);
        } else if (contentLength == 0) {
            step = steps;
        } else {
            step = (int) Math.min(Integer.MAX_VALUE, downloaded / UNKNOWN_LENGTH_INTERVAL);
        }
        return report(step, downloaded);
    }

    /** The step to report once the body is complete, or 0 when the last report already said so. */
    int end(long downloaded, long contentLength) {
        if (downloaded == lastReported) {
            return 0;
        }
        return report(contentLength >= 0 ? steps : lastStep + 1, downloaded);
    }

    private int report(int step, long downloaded) {
        if (step <= lastStep) {
            return 0;
        }
        lastStep = step;
        lastReported = downloaded;
        return step;
    }
}
