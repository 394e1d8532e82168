package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpManagerMessages.AddUser;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.DataPair;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.EbookFile;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.ImportRequest;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.Item;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.testing.TestVhost;
import cz.edeposit.amqp.wire.WireHeaders;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor against a real ProFTPD (one {@code proftpd -n} for the class, as FtpManagerProftpdIT) and the real
 * broker in a vhost of its own: a publisher uploads with commons-net's FTPClient and deletes the lock file; the
 * portal's queue gets the ImportRequest.
 */
class FtpMonitorProftpdIT {

    private static FtpTestSetup setup;
    private static TestProftpd proftpd;
    private static TestVhost vhost;
    private static FtpMonitorSettings settings;
    private FtpMonitorRunner runner;
    private Thread thread;

    @BeforeAll
    static void start() throws Exception {
        setup = new FtpTestSetup("ftp-monitor-it");
        FtpManagerHandler handler = setup.handler();
        assertEquals(true, handler.handle(new AddUser("alice", "Heslo-123"), new RecordingContext()));
        Path proftpdDir = Files.createDirectory(setup.base.resolve("proftpd"));
        proftpd = TestProftpd.start(proftpdDir, setup.loginFile, setup.pidFile);
        Files.writeString(setup.config().resolve("ftp.json"), "{\"CONF_PATH\": \"" + setup.conf + "/\", \"DATA_PATH\": \""
                + setup.data + "/\", \"PROFTPD_PID_FILE\": \"" + setup.pidFile + "\", \"LOG_FILE\": \""
                + proftpdDir.resolve("extended.log") + "\", \"MONITOR_STATE_FILE\": \"" + setup.base.resolve("state/monitor.state")
                + "\", \"UPLOAD_SETTLE_SECONDS\": 1, \"UPLOAD_WAIT_SECONDS\": 5}");
        settings = FtpMonitorSettings.from(Settings.load(FtpSettings.SCHEMA, "ftp.json",
                new ConfigLocator(setup.config(), Map.of(), setup.config()), Map.of()));
        vhost = TestVhost.withSchema("ftp");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            proftpd.close();
            vhost.close();
        } finally {
            setup.close();
        }
    }

    private void startMonitor() {
        runner = new FtpMonitorRunner(settings, vhost.settings());
        thread = new Thread(() -> {
            try {
                runner.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "monitor");
        thread.start();
    }

    @AfterEach
    void stopMonitor() throws Exception {
        if (runner != null) {
            runner.stop();
            thread.join(30_000);
            runner = null;
        }
    }

    private static FTPClient login() throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setControlEncoding("UTF-8");
        ftp.setDefaultTimeout(10_000);
        // ProFTPD re-binds its socket while it handles a SIGHUP: a refused connection is tried again.
        Await.until("a connection to ProFTPD", Duration.ofSeconds(10), () -> {
            try {
                ftp.connect("127.0.0.1", proftpd.port());
                return true;
            } catch (java.net.ConnectException rehashing) {
                return false;
            }
        });
        assertTrue(ftp.login("alice", "Heslo-123"), proftpd.log());
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        return ftp;
    }

    private static void store(FTPClient ftp, String path, byte[] data) throws Exception {
        assertTrue(ftp.storeFile(path, new ByteArrayInputStream(data)), path + ": " + ftp.getReplyString());
    }

    /** The next message in the portal's queue, waited for. */
    private static GetResponse nextImport(Channel channel) throws Exception {
        GetResponse[] response = new GetResponse[1];
        try {
            Await.until("an ImportRequest in the queue plone", Duration.ofSeconds(30),
                    () -> (response[0] = channel.basicGet(vhost.host().outputQueue(), true)) != null);
        } catch (AssertionError none) {
            throw new AssertionError(none.getMessage() + "; ExtendedLog:\n" + proftpd.extendedLog(), none);
        }
        return response[0];
    }

    /** Waits until the monitor has handled the whole ExtendedLog: its import done, the user's logs written. */
    private static void awaitCaughtUp() throws Exception {
        Path log = settings.ftp().logFile();
        Await.until("the monitor's state at the end of " + log, Duration.ofSeconds(30), () -> {
            Map<String, Object> now = Files.readAttributes(log, "unix:dev,ino,size");
            FtpMonitorState state = FtpMonitorState.load(settings.stateFile());
            return state.published() == null && state.position().isIn((Long) now.get("dev"), (Long) now.get("ino"))
                    && state.position().offset() == (Long) now.get("size");
        });
    }

    /** Waits until the import of alice's home has made the lock file again, so that she can start the next one. */
    private static void awaitLockFile() throws Exception {
        Path lock = setup.data.resolve("alice").resolve(FtpTestSetup.LOCK_FILENAME);
        Await.until("the lock file made again", Duration.ofSeconds(30), () -> Files.exists(lock));
    }

    /** alice uploads {@code name} and deletes the lock file in one session. */
    private static void upload(String name, String text) throws Exception {
        FTPClient ftp = login();
        try {
            store(ftp, name, text.getBytes(StandardCharsets.UTF_8));
            assertTrue(ftp.deleteFile(FtpTestSetup.LOCK_FILENAME), ftp.getReplyString());
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
    }

    private static Map<String, String> files(ImportRequest request) {
        Map<String, String> files = new TreeMap<>();
        for (Item item : request.requests()) {
            if (item instanceof DataPair pair) {
                files.put(pair.metadataFile().filename() + " (paired with " + pair.ebookFile().filename() + ")",
                        decode(pair.metadataFile().rawData()));
                files.put(pair.ebookFile().filename(), decode(pair.ebookFile().rawData()));
            } else if (item instanceof EbookFile ebook) {
                files.put(ebook.filename(), decode(ebook.rawData()));
            } else {
                files.put(item.toString(), "");
            }
        }
        return files;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

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

            // The new log is followed from its start.
            upload("after-restart.pdf", "new log");
            ImportRequest second = codec.decode(nextImport(channel).getBody(), ImportRequest.class);
            assertEquals(List.of("after-restart.pdf"), List.copyOf(files(second).keySet()), "only what came after");
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
