package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.ImportRequest;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.wire.WireHeaders;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor against a real ProFTPD and the real broker ({@link FtpMonitorProftpdFixture}): an upload in
 * subdirectories, an import made while the monitor was stopped, a log renamed and reopened (SIGHUP), and an upload
 * still in progress during the {@code DELE}.
 */
class FtpMonitorProftpdIT extends FtpMonitorProftpdFixture {

    @Test
    void anUploadInSubdirectoriesIsSentToThePortalAfterTheLockFileIsDeleted() throws Exception {
        startMonitor();
        byte[] book = "EPUB, díl 1".getBytes(StandardCharsets.UTF_8);
        FTPClient ftp = login();
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            assertTrue(ftp.makeDirectory("sub, 2"));
            store(ftp, "sub, 2/book, 2.epub", book);
            store(ftp, "sub, 2/book, 2.csv", FtpMonitorImportTest.META.getBytes(StandardCharsets.UTF_8));
            assertTrue(ftp.makeDirectory("meta"));
            assertTrue(ftp.makeDirectory("books"));
            store(ftp, "meta/80-7422-502-X.json", FtpMonitorImportTest.ISBN_META.getBytes(StandardCharsets.UTF_8));
            store(ftp, "meta/bad.yaml", "nazev: jen název\n".getBytes(StandardCharsets.UTF_8));
            store(ftp, "meta/other.json", "{}".getBytes(StandardCharsets.UTF_8));
            store(ftp, "books/80-7422-502-X.pdf", "%PDF isbn".getBytes(StandardCharsets.UTF_8));
            store(ftp, "books/a.pdf", "%PDF a".getBytes(StandardCharsets.UTF_8));
            store(ftp, "books/b.pdf", "%PDF b".getBytes(StandardCharsets.UTF_8));
            assertTrue(ftp.deleteFile(FtpTestSetup.LOCK_FILENAME), ftp.getReplyString());

            GetResponse message = nextImport(channel);
            ImportRequest request = new NtCodec(FtpMonitorMessages.TYPES).decode(message.getBody(), ImportRequest.class);
            assertEquals("alice", request.username());
            Map<String, String> sent = files(request);
            assertEquals("EPUB, díl 1", sent.get("sub, 2/book, 2.epub"));
            assertEquals(FtpMonitorImportTest.META, sent.get("sub, 2/book, 2.csv (paired with sub, 2/book, 2.epub)"));
            assertEquals("%PDF isbn", sent.get("books/80-7422-502-X.pdf"));
            assertTrue(sent.containsKey("meta/80-7422-502-X.json (paired with books/80-7422-502-X.pdf)"), sent.keySet().toString());
            assertEquals("%PDF a", sent.get("books/a.pdf"));
            assertTrue(request.errorLog().contains("meta/bad.yaml"), request.errorLog());
            assertTrue(request.errorLog().contains("meta/other.json"), request.errorLog());

            assertEquals(WireHeaders.JSON, message.getProps().getContentType());
            assertEquals(WireHeaders.PERSISTENT, message.getProps().getDeliveryMode());
            assertNotNull(message.getProps().getMessageId());
            assertEquals(1, UUID.fromString(message.getProps().getHeaders().get(WireHeaders.UUID).toString()).version());

            Path home = setup.data.resolve("alice");
            awaitCaughtUp();
            assertEquals(List.of("", FtpTestSetup.LOCK_FILENAME, "error.log.txt", "import.log.txt", "meta", "meta/bad.yaml",
                    "meta/other.json"), FtpTestFiles.tree(home));
            assertTrue(Files.readString(home.resolve("import.log.txt")).endsWith("Status: Error\n"));
            // The publisher sees the logs and can upload again.
            assertTrue(new ArrayList<>(List.of(ftp.listNames())).contains("import.log.txt"));
            store(ftp, "again.pdf", "again".getBytes(StandardCharsets.UTF_8));
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
    }

    @Test
    void anImportMadeWhileTheMonitorWasStoppedIsSentAfterItStartsAndARotatedLogIsFollowed() throws Exception {
        startMonitor();
        stopMonitor();
        FTPClient ftp = login();
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.queuePurge(vhost.host().outputQueue());
            store(ftp, "while-stopped.pdf", "stopped".getBytes(StandardCharsets.UTF_8));
            assertTrue(ftp.deleteFile(FtpTestSetup.LOCK_FILENAME), ftp.getReplyString());
            ftp.logout();
            ftp.disconnect();
            startMonitor();
            ImportRequest first = new NtCodec(FtpMonitorMessages.TYPES).decode(nextImport(channel).getBody(), ImportRequest.class);
            assertTrue(files(first).containsKey("while-stopped.pdf"), files(first).keySet().toString());

            awaitCaughtUp();

            // Rotation: the log renamed, ProFTPD told to open a new one (SIGHUP), then the next import.
            Path log = settings.ftp().logFile();
            Files.move(log, log.resolveSibling("extended.log.1"), StandardCopyOption.REPLACE_EXISTING);
            new ProcessBuilder("kill", "-HUP", Long.toString(proftpd.pid())).start().waitFor();
            ftp = login();
            store(ftp, "after-rotation.pdf", "rotated".getBytes(StandardCharsets.UTF_8));
            assertTrue(ftp.deleteFile(FtpTestSetup.LOCK_FILENAME), ftp.getReplyString());
            ImportRequest second = new NtCodec(FtpMonitorMessages.TYPES).decode(nextImport(channel).getBody(), ImportRequest.class);
            assertTrue(files(second).containsKey("after-rotation.pdf"), files(second).keySet().toString());
            assertTrue(Files.exists(log), "ProFTPD made a new log");
        } finally {
            if (ftp.isConnected()) {
                ftp.logout();
                ftp.disconnect();
            }
        }
    }

    @Test
    void anUploadStillInProgressDuringTheDeleteIsNeverImportedHalf() throws Exception {
        startMonitor();
        FTPClient slow = login();
        FTPClient other = login();
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            channel.queuePurge(vhost.host().outputQueue());
            store(other, "done.pdf", "complete".getBytes(StandardCharsets.UTF_8));
            java.io.OutputStream upload = slow.storeFileStream("slow.pdf");
            assertNotNull(upload, slow.getReplyString());
            upload.write("first half, ".getBytes(StandardCharsets.UTF_8));
            upload.flush();
            assertTrue(other.deleteFile(FtpTestSetup.LOCK_FILENAME), other.getReplyString());
            // It keeps growing until the import, which waits UPLOAD_WAIT_SECONDS (5 s) for it, goes without it.
            GetResponse[] message = new GetResponse[1];
            Await.until("the import sent without the upload in progress", Duration.ofSeconds(30), () -> {
                upload.write("more, ".getBytes(StandardCharsets.UTF_8));
                upload.flush();
                return (message[0] = channel.basicGet(vhost.host().outputQueue(), true)) != null;
            });
            ImportRequest request = new NtCodec(FtpMonitorMessages.TYPES).decode(message[0].getBody(), ImportRequest.class);
            Map<String, String> sent = files(request);
            assertEquals("complete", sent.get("done.pdf"));
            assertTrue(sent.keySet().stream().noneMatch(name -> name.contains("slow")), sent.keySet().toString());
            assertTrue(request.errorLog().contains(".in.slow.pdf.: still being uploaded; left for the next import"),
                    request.errorLog());
            // Finished once the home is unlocked: while the import holds it read-only (0555), ProFTPD cannot rename
            // the finished upload to its name and answers 550 (the publisher then uploads it again).
            awaitLockFile();
            upload.write("end".getBytes(StandardCharsets.UTF_8));
            upload.close();
            assertTrue(slow.completePendingCommand(), slow.getReplyString());
            assertTrue(Files.readString(setup.data.resolve("alice/slow.pdf")).endsWith("more, end"),
                    "the whole upload is there for the next import");
        } finally {
            for (FTPClient ftp : List.of(slow, other)) {
                if (ftp.isConnected()) {
                    ftp.disconnect();
                }
            }
        }
    }
}
