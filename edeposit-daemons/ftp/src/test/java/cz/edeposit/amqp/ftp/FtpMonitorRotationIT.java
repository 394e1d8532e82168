package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.ImportRequest;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ExtendedLog rotated under the running monitor with the real ProFTPD ({@link FtpMonitorProftpdFixture}) as
 * logrotate does it: renamed and ProFTPD restarted, or truncated in place.
 */
class FtpMonitorRotationIT extends FtpMonitorProftpdFixture {

    @Test
    void aLogRotatedByARestartOfProftpdOrTruncatedInPlaceIsFollowedAndTheOldFileIsFinished() throws Exception {
        startMonitor();
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.queuePurge(vhost.host().outputQueue());
            NtCodec codec = new NtCodec(FtpMonitorMessages.TYPES);
            Path log = settings.ftp().logFile();

            // As Debian's logrotate snippet for ProFTPD: the log renamed right after the lock file's DELE, then ProFTPD
            // restarted (a new master process, which makes a new log). The DELE is in the old file only.
            FTPClient before = login(); // a session open across the restart
            upload("before-restart.pdf", "old log");
            Files.move(log, log.resolveSibling("extended.log.1"), StandardCopyOption.REPLACE_EXISTING);
            proftpd.restart();
            ImportRequest first = codec.decode(nextImport(channel).getBody(), ImportRequest.class);
            assertTrue(files(first).containsKey("before-restart.pdf"), files(first).keySet().toString());
            assertTrue(Files.exists(log), "the restarted ProFTPD made a new log");
            boolean sessionLives;
            try {
                sessionLives = before.sendNoOp();
            } catch (java.io.IOException closed) {
                sessionLives = false;
            }
            assertFalse(sessionLives, "the restart ended the sessions, so none writes to the old log any more");
            before.disconnect();
            awaitLockFile();

            // The new log is followed from its start. The name is longer than the one uploaded after the truncation
            // below, so that the truncated log stays shorter than the position (docs/ftp.md: a truncated log that
            // grows past the old position before the monitor looks is not seen as truncated).
            String longer = "after-restart-and-before-the-truncation.pdf";
            upload(longer, "new log");
            ImportRequest second = codec.decode(nextImport(channel).getBody(), ImportRequest.class);
            assertEquals(List.of(longer), List.copyOf(files(second).keySet()), "only what came after");
            awaitCaughtUp();

            // copytruncate: the log copied aside and truncated in place; ProFTPD appends to it from 0 again.
            Files.copy(log, log.resolveSibling("extended.log.2"), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel truncating = FileChannel.open(log, StandardOpenOption.WRITE)) {
                truncating.truncate(0);
            }
            upload("after-truncate.pdf", "truncated log");
            ImportRequest third = codec.decode(nextImport(channel).getBody(), ImportRequest.class);
            assertEquals(List.of("after-truncate.pdf"), List.copyOf(files(third).keySet()));
            awaitCaughtUp();
            assertEquals(0, channel.messageCount(vhost.host().outputQueue()), "each import sent once");
        }
    }
}
