package cz.edeposit.amqp.downloader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** When a ProgressDownload reports, for the lengths and piece sizes a server may produce. */
class ProgressTrackerTest {

    @Test
    void reportsEachStepOnceAsTheBodyArrivesInSmallPieces() {
        ProgressTracker tracker = new ProgressTracker(4);
        assertEquals(0, tracker.due(24, 100));
        assertEquals(1, tracker.due(25, 100));
        assertEquals(0, tracker.due(49, 100));
        assertEquals(2, tracker.due(50, 100));
        assertEquals(3, tracker.due(75, 100));
        assertEquals(4, tracker.due(100, 100));
        assertEquals(0, tracker.end(100, 100), "the last report already said complete");
    }

    @Test
    void reportsOnlyTheLastStepOfAPieceSpanningSeveral() {
        ProgressTracker tracker = new ProgressTracker(10);
        assertEquals(7, tracker.due(75, 100));
        assertEquals(10, tracker.due(100, 100));
    }

    @Test
    void neverDividesByZeroForMoreStepsThanBytesOrAnEmptyBody() {
        ProgressTracker many = new ProgressTracker(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE / 3, many.due(1, 3));
        assertEquals(Integer.MAX_VALUE, many.due(3, 3));
        ProgressTracker empty = new ProgressTracker(3);
        assertEquals(3, empty.end(0, 0));
    }

    @Test
    void handlesTheLargestBodyWithTheMostStepsWithoutOverflow() {
        ProgressTracker tracker = new ProgressTracker(Integer.MAX_VALUE);
        long max = DownloaderSettings.MAX_SIZE_CEILING;
        assertEquals(Integer.MAX_VALUE / 2, tracker.due(max / 2, max));
        assertEquals(Integer.MAX_VALUE, tracker.due(max, max));
    }

    @Test
    void countsIntervalsWithoutALengthAndEndsWithTheTotal() {
        long interval = ProgressTracker.UNKNOWN_LENGTH_INTERVAL;
        ProgressTracker tracker = new ProgressTracker(5);
        assertEquals(0, tracker.due(interval - 1, -1));
        assertEquals(1, tracker.due(interval, -1));
        assertEquals(3, tracker.due(3 * interval + 10, -1));
        assertEquals(4, tracker.end(3 * interval + 20, -1));
        ProgressTracker exact = new ProgressTracker(5);
        assertEquals(1, exact.due(interval, -1));
        assertEquals(0, exact.end(interval, -1));
        assertEquals(1, new ProgressTracker(5).end(0, -1), "an empty body still reports its end");
    }

    @Test
    void refusesFewerThanOneStep() {
        assertThrows(IllegalArgumentException.class, () -> new ProgressTracker(0));
    }
}
