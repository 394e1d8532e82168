package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state file's activity lines, the counts behind them and the status lines made of them. */
class StateFileTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00.250Z");

    @TempDir
    Path dir;

    @Test
    void countsAndTheLastErrorSurviveTheRoundTripOnOneLineEach() {
        RequestCounts counts = new RequestCounts(Clock.fixed(START, ZoneOffset.UTC));
        counts.answered("Echo", 1_000);
        counts.failed("UserWarning", "two\nlines");
        counts.answered("Echo", 1_000);
        StateFile file = new StateFile(dir.resolve("edeposit-x.state"));
        file.write(42, new ServiceState(ServiceState.Phase.SERVING, ""), counts.snapshot());

        StateFile.Entry entry = file.read().orElseThrow();
        assertEquals(42, entry.pid());
        assertEquals(ServiceState.Phase.SERVING, entry.state().phase());
        DaemonActivity activity = entry.activity().orElseThrow();
        assertEquals(START, activity.started());
        assertEquals(2, activity.served());
        assertEquals(1, activity.failed());
        assertEquals(Optional.of(new DaemonActivity.LastError(START, "UserWarning: two lines")), activity.lastError());
        assertEquals(3, counts.changes());
    }

    @Test
    void aLongErrorIsCutAndAFileWithoutActivityStillReads() throws Exception {
        RequestCounts counts = new RequestCounts(Clock.fixed(START, ZoneOffset.UTC));
        counts.failed("ValueError", "x".repeat(1000));
        assertEquals(RequestCounts.MAX_ERROR_CHARS, counts.snapshot().lastError().orElseThrow().text().length());

        Path old = Files.writeString(dir.resolve("old.state"), "7 WAITING\nbroker down\n", StandardCharsets.UTF_8);
        StateFile.Entry entry = new StateFile(old).read().orElseThrow();
        assertEquals("broker down", entry.state().detail());
        assertTrue(entry.activity().isEmpty());
    }

    @Test
    void statusLinesSayUptimeCountsAndTheLastErrorOrNone() {
        DaemonActivity quiet = new DaemonActivity(START, 0, 0, Optional.empty());
        assertEquals(List.of("  uptime: 1d 02:03:04 (since 2026-12-06T10:00:00Z)", "  requests: 0 served, 0 failed",
                "  last error: none"), StatusLines.of(quiet, START.plus(Duration.ofSeconds(93_784))));
        DaemonActivity failed = new DaemonActivity(START, 5, 1,
                Optional.of(new DaemonActivity.LastError(START.plusSeconds(60), "KeyError: 'url'")));
        assertEquals("  last error: KeyError: 'url' (at 2026-12-06T10:01:00Z, 00:01:00 ago)",
                StatusLines.of(failed, START.plusSeconds(120)).get(2));
    }
}
