package cz.edeposit.amqp.systemd;

import cz.edeposit.amqp.testing.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

    /** A listener that stopped reading fills its queue (net.unix.max_dgram_qlen, 10 by default). */
    @Test
    void aListenerThatDoesNotReadNeverBlocksTheSender(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deaf.sock");
        Process deaf = new ProcessBuilder("python3", "-c", "import socket, sys, time\n"
                + "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\ns.bind(sys.argv[1])\n"
                + "print('bound', flush=True)\ntime.sleep(60)", file.toString()).start();
        try {
            assertEquals("bound", new java.io.BufferedReader(new java.io.InputStreamReader(deaf.getInputStream())).readLine());
            SdNotify socket = NotifySocket.open(file.toString());
            assertTimeoutPreemptively(WAIT, () -> {
                for (int i = 0; i < 1000; i++) {
                    socket.send("WATCHDOG=1");
                }
            }, "1000 sends to a full queue returned");
        } finally {
            deaf.destroyForcibly();
        }
    }
}
