package cz.edeposit.amqp.ftp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
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
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor against a real ProFTPD (one {@code proftpd -n} for each test class, as FtpManagerProftpdIT) and the
 * real broker in a vhost of its own: alice uploads with commons-net's FTPClient and deletes the lock file; the
 * portal's queue gets the ImportRequest. The fixture and helpers of FtpMonitorProftpdIT and FtpMonitorRotationIT.
 */
abstract class FtpMonitorProftpdFixture {

    static FtpTestSetup setup;
    static TestProftpd proftpd;
    static TestVhost vhost;
    static FtpMonitorSettings settings;
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

    void startMonitor() {
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

    static FTPClient login() throws Exception {
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

    static void store(FTPClient ftp, String path, byte[] data) throws Exception {
        assertTrue(ftp.storeFile(path, new ByteArrayInputStream(data)), path + ": " + ftp.getReplyString());
    }

    /** The next message in the portal's queue, waited for. */
    static GetResponse nextImport(Channel channel) throws Exception {
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
    static void awaitCaughtUp() throws Exception {
        Path log = settings.ftp().logFile();
        Await.until("the monitor's state at the end of " + log, Duration.ofSeconds(30), () -> {
            Map<String, Object> now = Files.readAttributes(log, "unix:dev,ino,size");
            FtpMonitorState state = FtpMonitorState.load(settings.stateFile());
            return state.published() == null && state.position().isIn((Long) now.get("dev"), (Long) now.get("ino"))
                    && state.position().offset() == (Long) now.get("size");
        });
    }

    /** Waits until the import of alice's home has made the lock file again, so that she can start the next one. */
    static void awaitLockFile() throws Exception {
        Path lock = setup.data.resolve("alice").resolve(FtpTestSetup.LOCK_FILENAME);
        Await.until("the lock file made again", Duration.ofSeconds(30), () -> Files.exists(lock));
    }

    /** alice uploads {@code name} and deletes the lock file in one session. */
    static void upload(String name, String text) throws Exception {
        FTPClient ftp = login();
        try {
            store(ftp, name, text.getBytes(StandardCharsets.UTF_8));
            assertTrue(ftp.deleteFile(FtpTestSetup.LOCK_FILENAME), ftp.getReplyString());
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
    }

    static Map<String, String> files(ImportRequest request) {
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

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
