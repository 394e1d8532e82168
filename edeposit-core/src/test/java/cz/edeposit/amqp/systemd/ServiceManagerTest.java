package cz.edeposit.amqp.systemd;

import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.rpc.ServiceState.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What systemd is told at each phase and beat; NotifySocketIT and SystemdNotifyIT send it for real. */
class ServiceManagerTest {

    private final List<String> sent = new ArrayList<>();

    private ServiceManager manager(Duration watchdog) {
        return new ServiceManager(sent::add, watchdog, 4242, "consuming queue 'q' in vhost 'v' with 2 worker(s)");
    }

    @Test
    void readyIsSentOnceWhenItFirstServesWithTheMainPidAndStoppingWhenItStops() {
        ServiceManager manager = manager(null);
        manager.accept(new ServiceState(Phase.CONNECTING, ""));
        manager.accept(new ServiceState(Phase.WAITING, "connection refused; retrying in 1 s\nsecond line"));
        manager.accept(new ServiceState(Phase.SERVING, ""));
        manager.accept(new ServiceState(Phase.RECONNECTING, "channel closed; retrying in 2 s"));
        manager.accept(new ServiceState(Phase.SERVING, ""));
        manager.accept(new ServiceState(Phase.STOPPING, ""));
        assertEquals(List.of("STATUS=connecting to RabbitMQ",
                "STATUS=waiting for RabbitMQ: connection refused; retrying in 1 s",
                "READY=1\nMAINPID=4242\nSTATUS=consuming queue 'q' in vhost 'v' with 2 worker(s)",
                "STATUS=not serving: channel closed; retrying in 2 s",
                "STATUS=consuming queue 'q' in vhost 'v' with 2 worker(s)",
                "STOPPING=1\nSTATUS=stopping: finishing the requests in hand"), sent);
    }

    @Test
    void aDaemonStoppedBeforeItServedIsNeverReady() {
        ServiceManager manager = manager(null);
        manager.accept(new ServiceState(Phase.STOPPING, ""));
        manager.accept(new ServiceState(Phase.SERVING, ""));
        assertEquals(0, sent.stream().filter(s -> s.contains("READY=1")).count(), sent.toString());
    }

    @Test
    void theWatchdogIsPingedAtHalfItsTimeoutOnlyWhileNoWorkerIsStuck() {
        ServiceManager manager = manager(Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(30), manager.period());
        manager.accept(new ServiceState(Phase.SERVING, ""));
        sent.clear();
        manager.beat(null);
        manager.beat("edeposit-worker-1 is still in its handler 31 s after interrupting it");
        manager.beat(null);
        assertEquals(List.of("WATCHDOG=1",
                "STATUS=stuck: edeposit-worker-1 is still in its handler 31 s after interrupting it",
                "STATUS=consuming queue 'q' in vhost 'v' with 2 worker(s)\nWATCHDOG=1"), sent);
    }

    @Test
    void beforeItIsReadyAHealthyBeatExtendsTheStartTimeoutByThreePeriods() {
        ServiceManager manager = manager(Duration.ofSeconds(10));
        manager.beat(null);
        manager.accept(new ServiceState(Phase.SERVING, ""));
        manager.beat(null);
        assertEquals(List.of("WATCHDOG=1\nEXTEND_TIMEOUT_USEC=15000000", "WATCHDOG=1"), List.of(sent.get(0), sent.get(2)));
        ServiceManager noWatchdog = manager(null);
        sent.clear();
        noWatchdog.beat(null);
        assertEquals(List.of("EXTEND_TIMEOUT_USEC=90000000"), sent);
    }

    @Test
    void theWatchdogIsOnlyForTheProcessThatWatchdogPidNames() {
        assertEquals(Duration.ofMillis(1500), ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "1500000"), 7));
        assertEquals(Duration.ofSeconds(1), ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "7"), 7));
        assertNull(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "8"), 7));
        assertNull(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "soon"), 7));
        assertNull(ServiceManager.watchdog(Map.of("WATCHDOG_USEC", "0"), 7));
        assertNull(ServiceManager.watchdog(Map.of(), 7));
        assertEquals(ServiceManager.NO_WATCHDOG_PERIOD, manager(null).period());
    }

    @Test
    void withoutNotifySocketThereIsNoServiceManager() {
        assertEquals(false, ServiceManager.fromEnvironment(Map.of("WATCHDOG_USEC", "1000000"), 1, "x").isPresent());
        assertEquals(false, ServiceManager.fromEnvironment(Map.of("NOTIFY_SOCKET", ""), 1, "x").isPresent());
    }

    @Test
    void theSocketAddressIsAFamilyThenThePathOrANulForTheAbstractNamespace() {
        byte[] path = NotifySocket.address("/run/n");
        assertEquals(2 + 6 + 1, path.length);
        assertEquals('/', path[2]);
        assertEquals(0, path[path.length - 1]);
        byte[] abstractName = NotifySocket.address("@sd");
        assertArrayEquals(new byte[] {0, 's', 'd'}, new byte[] {abstractName[2], abstractName[3], abstractName[4]});
        assertEquals(5, abstractName.length);
        assertThrows(IllegalArgumentException.class, () -> NotifySocket.address("relative/socket"));
        assertThrows(IllegalArgumentException.class, () -> NotifySocket.address("/" + "x".repeat(107)));
    }
}
