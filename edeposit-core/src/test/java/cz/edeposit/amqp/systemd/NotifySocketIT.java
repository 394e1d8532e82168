package cz.edeposit.amqp.systemd;

import cz.edeposit.amqp.testing.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Notifications through JNA's libc calls reach a datagram socket that a test-owned python3 process listens on. */
class NotifySocketIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void notificationsReachASocketFile(@TempDir Path dir) throws Exception {
        try (NotifyListener listener = NotifyListener.inDirectory(dir)) {
            SdNotify socket = NotifySocket.open(listener.socket());
            socket.send("READY=1\nSTATUS=consuming");
            socket.send("WATCHDOG=1");
            assertEquals("READY=1\nSTATUS=consuming", listener.await("READY", m -> m.has("READY=1"), WAIT).text());
            assertEquals("WATCHDOG=1", listener.await("WATCHDOG", m -> m.has("WATCHDOG=1"), WAIT).text());
        }
    }

    @Test
    void notificationsReachAnAbstractSocket() throws Exception {
        try (NotifyListener listener = NotifyListener.abstractNamed("edeposit-test-" + UUID.randomUUID())) {
            NotifySocket.open(listener.socket()).send("STATUS=héllo");
            assertEquals("STATUS=héllo", listener.await("STATUS", m -> m.value("STATUS") != null, WAIT).text());
        }
    }

    @Test
    void aSocketNobodyListensOnLosesTheNotificationWithoutThrowing(@TempDir Path dir) {
        SdNotify socket = NotifySocket.open(dir.resolve("nobody.sock").toString());
        socket.send("READY=1");
        socket.send("READY=1");
    }
}
