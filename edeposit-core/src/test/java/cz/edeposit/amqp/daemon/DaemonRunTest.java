package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.testing.EchoDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the command line resolves into: the DaemonRun the lifecycle is given. */
class DaemonRunTest {

    @TempDir
    Path dir;

    private DaemonRun parse(String... args) {
        return parse(EchoDaemon.SPEC, args);
    }

    private DaemonRun parse(DaemonSpec spec, String... args) {
        DaemonCommand command = new DaemonCommand(spec, Map.of());
        new CommandLine(command.command()).parseArgs(args);
        return command.run();
    }

    @Test
    void withoutOptionsTheDefaultsAreThePoliciesOwn() {
        DaemonRun run = parse("status", "--pid-dir", dir.toString());
        assertEquals(DaemonRun.Action.status, run.action());
        assertFalse(run.foreground());
        assertEquals(RpcOptions.DEFAULT_WORKERS, run.workers());
        assertEquals(EchoDaemon.SPEC.defaultPrefetch(), run.prefetchFor(EchoDaemon.SPEC));
        assertEquals(Duration.ofSeconds(RpcOptions.DEFAULT_DRAIN_SECONDS), run.drainTimeout());
        assertEquals(Duration.ofSeconds(DaemonRun.DEFAULT_STOP_SECONDS), run.stopTimeout());
        assertEquals(Duration.ofSeconds(DaemonRun.DEFAULT_START_SECONDS), run.startTimeout());
        assertEquals(RecoveryPolicy.defaults(), run.recovery());
        assertEquals(BrokerConnection.HEARTBEAT_SECONDS, run.heartbeatSeconds());
        FaultPolicy defaults = FaultPolicy.defaults();
        assertEquals(defaults.maxAttempts(), run.faults().maxAttempts());
        assertEquals(defaults.deadLetterExchange(), run.faults().deadLetterExchange());
        assertEquals(defaults.handlerTimeout(), run.faults().handlerTimeout());
        assertEquals(defaults.consumerTimeout(), run.faults().consumerTimeout());
        assertEquals(List.of("--pid-dir", dir.toString()), run.givenOptions());
    }

    @Test
    void theDefaultPrefetchIsTheDaemonsAndAGivenOneOverridesIt() {
        // The echo daemon: short work with requests up to the broker's limit, so the fewest a short daemon holds.
        assertEquals(WorkKind.LONG_PREFETCH, parse("start").prefetchFor(EchoDaemon.SPEC));
        DaemonSpec small = EchoDaemon.SPEC.withMaxRequestBytes(1 << 20);
        assertEquals(WorkKind.SHORT_PREFETCH, parse(small, "start").prefetchFor(small));
        assertEquals(1, parse("start", "--prefetch", "1").prefetchFor(EchoDaemon.SPEC));
        assertEquals(List.of("--prefetch", "1"), parse("start", "--prefetch", "1").givenOptions());
        assertEquals(List.of(), parse("start").givenOptions());
    }

    @Test
    void resolvesTheFilesOfTheDaemonInThePidDir() {
        DaemonRun run = parse("start", "--pid-dir", dir.toString(), "--log-file", "echo.log");
        assertEquals(dir.resolve("edeposit-echo-test.pid"), run.pidFile(EchoDaemon.SPEC).path());
        assertEquals(dir.resolve("edeposit-echo-test.attempts"), run.attemptsDirectory(EchoDaemon.SPEC));
        assertEquals(Path.of("echo.log"), run.logFile());
    }

    @Test
    void zeroTimeOutsMeanNoneAndTheBackoffStartsAtThePolicysFirstDelay() {
        DaemonRun run = parse("start", "--handler-timeout", "0", "--consumer-timeout", "0", "--max-backoff", "7",
                "--broker-wait", "0", "--fail-fast");
        assertNull(run.faults().handlerTimeout());
        assertNull(run.faults().consumerTimeout());
        assertEquals(new RecoveryPolicy(Duration.ZERO, true, RecoveryPolicy.defaults().initialBackoff(),
                Duration.ofSeconds(7)), run.recovery());
    }

    @Test
    void unroutableRepliesAreRetriedForAMinuteUnlessToldOtherwise() {
        assertEquals(Duration.ofSeconds(60), parse("start").faults().replyRetry());
        assertEquals(Duration.ZERO, parse("start", "--reply-retry", "0").faults().replyRetry());
        assertEquals(Duration.ofSeconds(3600), parse("start", "--reply-retry", "3600").faults().replyRetry());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> parse("start", "--reply-retry", "3601"));
        assertEquals("--reply-retry must be 0-3600, not 3601", tooLong.getMessage());
    }

    @Test
    void aBackgroundStartPassesOnTheGivenOptionsInLongFormWithoutForeground() {
        DaemonRun run = parse("start", "-f", "--workers", "3", "--config-dir", "cfg", "--fail-fast",
                "--dead-letter-exchange", "dlx");
        assertTrue(run.foreground());
        assertEquals(List.of("--workers", "3", "--config-dir", "cfg", "--fail-fast", "--dead-letter-exchange", "dlx"),
                run.givenOptions());
    }

    @Test
    void theCommandLineAndTheConnectionAcceptTheSameHeartbeats() {
        assertEquals(BrokerConnection.MAX_HEARTBEAT_SECONDS, OptionRange.HEARTBEAT.max());
        String tooLong = Integer.toString(BrokerConnection.MAX_HEARTBEAT_SECONDS + 1);
        IllegalArgumentException cli = assertThrows(IllegalArgumentException.class,
                () -> parse("start", "--heartbeat", tooLong));
        assertEquals("--heartbeat must be 0-3600, not 3601", cli.getMessage());
        AmqpSettings settings = AmqpSettings.load(new ConfigLocator(dir, Map.of(), dir), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> BrokerConnection.factory(settings, "/", BrokerConnection.MAX_HEARTBEAT_SECONDS + 1));
        assertDoesNotThrow(() -> BrokerConnection.factory(settings, "/", BrokerConnection.MAX_HEARTBEAT_SECONDS));
    }

    @Test
    void rangesWithoutAnUpperBoundSayWhatTheLowerOneMeans() {
        assertEquals("--drain-timeout must not be negative, not -1",
                assertThrows(IllegalArgumentException.class, () -> OptionRange.DRAIN_TIMEOUT.check(-1)).getMessage());
        assertEquals("--start-timeout must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> OptionRange.START_TIMEOUT.check(0)).getMessage());
        assertEquals(0, OptionRange.STOP_TIMEOUT.check(0));
    }
}
