package cz.edeposit.amqp.downloader;

import java.time.Duration;

/** Durations as operators write them in settings: seconds, with a fraction only when there is one. */
final class Durations {

    private Durations() {
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
