package cz.edeposit.amqp.calibre;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.codec.TypeRegistry;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-calibred} started as its own JVM (as the launcher would) in a vhost of the
 * test's own with the calibre schema, and a client that talks to it as Plone does.
 */
final class RunningCalibre {

    static final Duration WAIT = Duration.ofSeconds(180);
    private static final Pattern STARTED = Pattern.compile("started with pid (\\d+)");
    private static final NtCodec CODEC = new NtCodec(TypeRegistry.of(MessageType.of(ConversionResponse.class)));

    private final TestVhost vhost;
    private final DaemonProcess daemon;
    private final Path dir;
    private final Path workRoot;
    private final long pid;
    private final Connection connection;
    private final Channel client;
    private final ReplyCollector replies;

    /** Starts the daemon with {@code settings} as {@code EDEPOSIT_*} variables; work directories go to {@code dir/work}. */
    RunningCalibre(Path dir, Map<String, String> settings) throws Exception {
        this.dir = dir;
        vhost = TestVhost.withSchema("calibre");
        workRoot = Files.createDirectories(dir.resolve("work"));
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("EDEPOSIT_CALIBRE_TEMP_DIR", workRoot.toString());
        env.putAll(settings);
        daemon = new DaemonProcess(CalibreDaemon.class, env, List.of("--config-dir", vhost.emptyConfigDir().toString(),
                "--pid-dir", dir.toString(), "--log-file", log().toString()));
        DaemonProcess.Result started = daemon.run("start");
        Matcher matcher = STARTED.matcher(started.err());
        assertTrue(started.exitCode() == 0 && matcher.find(), () -> started + "\nlog:\n" + logText());
        pid = Long.parseLong(matcher.group(1));
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");
    }

    long pid() {
        return pid;
    }

    Path workRoot() {
        return workRoot;
    }

    Path log() {
        return dir.resolve("edeposit-calibre.log");
    }

    String logText() {
        try {
            return Files.readString(log());
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Publishes a request as Plone does and returns its UUID. */
    String send(String inputFormat, String outputFormat, byte[] data) throws IOException {
        String uuid = "{\"request_UID\": \"" + UUID.randomUUID() + "\"}";
        String body = CODEC.encodeToString(new ConversionRequest(inputFormat, outputFormat,
                Base64.getMimeEncoder().encodeToString(data)));
        Requests.publish(client, "convert", "request", uuid, body);
        return uuid;
    }

    /** The next reply, which must answer {@code uuid}. */
    Reply reply(String uuid) throws InterruptedException {
        Reply reply = replies.take(WAIT);
        assertEquals(uuid, reply.header("UUID"), "replies come in request order, one per request");
        return reply;
    }

    /** Converts and returns the decoded output; fails the test on an exception reply. */
    byte[] convert(String inputFormat, String outputFormat, byte[] data) throws Exception {
        Reply reply = reply(send(inputFormat, outputFormat, data));
        assertNull(reply.header("exception"), () -> "exception reply: " + reply.header("exception_name") + ": "
                + reply.text() + "\nlog:\n" + logText());
        ConversionResponse response = CODEC.decode(reply.body(), ConversionResponse.class);
        assertEquals(outputFormat, response.format());
        assertTrue(response.protocol().contains(outputFormat.toUpperCase() + " output written to"), response.protocol());
        assertTrue(response.b64Data().lines().allMatch(line -> line.length() <= 80), "wrapped at 80 columns");
        return Base64.getMimeDecoder().decode(response.b64Data());
    }

    /** What is left in the temp dir the daemon's work directories go to. */
    List<String> leftovers() {
        String[] names = workRoot.toFile().list();
        return names == null ? List.of() : List.of(names);
    }

    /**
     * Processes still running that were started for one of this daemon's conversions: every
     * child of ebook-convert inherits TMPDIR inside a work directory, even one re-parented after
     * its parent died, so its environment gives it away.
     */
    List<String> conversionProcesses() {
        byte[] marker = (workRoot + "/edeposit-calibre-").getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().filter(ProcessTree::running).forEach(process -> {
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
                if (indexOf(environ, marker) >= 0) {
                    found.add(process.pid() + " " + process.info().commandLine().orElse("?"));
                }
            } catch (IOException | SecurityException e) {
                // Gone meanwhile, or another user's: not one of ours.
            }
        });
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Stops the daemon, which must exit 0, and deletes the vhost. */
    void stop() throws Exception {
        try {
            DaemonProcess.Result stopped = daemon.run("stop");
            assertEquals(0, stopped.exitCode(), stopped::toString);
        } finally {
            connection.close();
            vhost.close();
        }
    }
}
