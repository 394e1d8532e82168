package cz.edeposit.amqp.downloader;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.SmallestHeap;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code Download} of a 100 MB URL (under the broker's 128 MiB) sent to the daemon running with its
 * launcher's heap: answered with ValueError before it is decoded, acked, and the daemon serves on.
 * Before the request size limit it ran out of heap while decoding, and died again on every restart.
 */
class OversizedRequestIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int URL_BYTES = 100_000_000;

    @TempDir
    Path dir;

    private TestVhost vhost;
    private Connection connection;

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (vhost != null) {
            vhost.close();
        }
    }

    @Test
    void aHundredMegabyteUrlIsAnsweredWithValueErrorAndTheDaemonServesOn() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        connection = vhost.connect();
        Channel client = connection.createChannel();
        ReplyCollector replies = new ReplyCollector(connection, "plone");
        Files.createDirectories(dir.resolve("config"));
        List<String> launcherJvm = new ArrayList<>(SmallestHeap.LAUNCHER);
        launcherJvm.add("-Xmx512m"); // the downloader's default heap (edeposit-dist launchers.list)
        DaemonProcess daemon = new DaemonProcess(DownloaderDaemon.class, vhost.env(), List.of("start", "--foreground",
                "--config-dir", dir.resolve("config").toString(), "--pid-dir", dir.toString()))
                .withJvmOptions(launcherJvm);
        Path log = dir.resolve("daemon.log");
        Process process = daemon.start(log);
        try {
            String body = "{\"__nt_name\": \"Download\", \"url\": \"http://example.org/" + "a".repeat(URL_BYTES) + "\"}";
            int bodyBytes = body.length();
            Requests.publish(client, "downloader", "request", "huge-url", body);
            body = null;

            Reply refused = take(replies, process, log);
            assertEquals("huge-url", refused.header("UUID"));
            assertEquals("ValueError", refused.header("exception_name"), refused.header("exception"));
            assertEquals("the request body of " + bodyBytes + " bytes is larger than this daemon's limit of "
                    + DownloaderDaemon.MAX_REQUEST_BYTES + " bytes", refused.header("exception"));

            Requests.publish(client, "downloader", "request", "next", "{\"__nt_name\": \"Download\", \"url\": \"ftp://example.org/\"}");
            Reply next = take(replies, process, log);
            assertEquals("next", next.header("UUID"));
            assertEquals("InvalidSchema", next.header("exception_name"), "the same daemon answers the next request");
            assertEquals(0, client.messageCount("daemon"), "both acked");
        } finally {
            process.destroy();
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(0, process.exitValue(), Files.readString(log));
    }

    private static Reply take(ReplyCollector replies, Process daemon, Path log) throws Exception {
        try {
            return replies.take(WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("no reply; the daemon " + (daemon.isAlive() ? "is alive" : "exited with "
                    + daemon.exitValue()) + "; its log:\n" + Files.readString(log), e);
        }
    }
}
