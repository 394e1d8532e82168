package cz.edeposit.amqp.dist;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-ftp-monitord} end to end with {@code edeposit-ftp-managerd}, both started by their launchers from
 * the unpacked distribution in a vhost of their own: the manager makes the account, the monitor follows a log
 * given with {@code -n} (written here in ProFTPD's format; FtpMonitorProftpdIT has the real ProFTPD) and sends the
 * upload to the queue {@code plone}.
 */
class FtpMonitorDaemonIT {

    private static Path work;
    private static Path data;
    private static Path log;
    private static TestVhost vhost;
    private static Connection connection;
    private static Channel client;

    @BeforeAll
    static void startDaemons() throws Exception {
        work = Files.createTempDirectory("ftp-monitord-it");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = Files.createDirectories(work.resolve("config"));
        Path conf = Files.createDirectories(work.resolve("proftpd"));
        data = work.resolve("home-ftp");
        log = work.resolve("extended.log");
        Files.writeString(config.resolve("ftp.json"), "{\"CONF_PATH\": \"" + conf + "\", \"DATA_PATH\": \"" + data + "\","
                + " \"PROFTPD_PID_FILE\": \"" + conf.resolve("proftpd.pid") + "\", \"MONITOR_STATE_FILE\": \""
                + work.resolve("state/monitor.state") + "\", \"UPLOAD_SETTLE_SECONDS\": 0.5}");
        vhost = TestVhost.withSchema("ftp");
        connection = vhost.connect();
        client = connection.createChannel();
        for (String launcher : List.of("edeposit-ftp-managerd", "edeposit-ftp-monitord")) {
            Dist.Result started = daemon(launcher, "start", "-n", log.toString());
            assertTrue(started.exitCode() == 0 && started.err().contains("started with pid"), started + "\nlog:\n" + log(launcher));
        }
    }

    @AfterAll
    static void stopDaemons() throws Exception {
        try {
            for (String launcher : List.of("edeposit-ftp-monitord", "edeposit-ftp-managerd")) {
                Dist.Result stopped = daemon(launcher, "stop");
                assertEquals(0, stopped.exitCode(), stopped.toString());
            }
            assertTrue(log("edeposit-ftp-monitord").contains("edeposit-ftp-monitord stopped"), log("edeposit-ftp-monitord"));
        } finally {
            connection.close();
            vhost.close();
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Dist.Result daemon(String launcher, String action, String... options) throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        List<String> command = new ArrayList<>(List.of(Dist.bin(launcher).toString(), action,
                "--config-dir", work.resolve("config").toString(), "--pid-dir", work.resolve("run").toString(),
                "--log-file", work.resolve(launcher + ".log").toString()));
        if (launcher.equals("edeposit-ftp-monitord")) {
            command.addAll(List.of(options));
        }
        return Dist.run(work, env, command);
    }

    private static String log(String launcher) {
        try {
            return Files.readString(work.resolve(launcher + ".log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** The next message of the queue plone whose body holds {@code text} (the manager's replies go there too). */
    private static String next(String text) throws Exception {
        return new String(nextResponse(text).getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void anAccountMadeByTheManagerIsImportedByTheMonitorAfterItsLockFileIsDeleted() throws Exception {
        Requests.publish(client, "ftp", "request", "add", "{\"__nt_name\": \"AddUser\", \"username\": \"nakladatel\", \"password\": \"Heslo-1\"}");
        assertEquals("true", next("true"));
        Path home = data.resolve("nakladatel");
        Files.createDirectories(home.resolve("kniha, 1"));
        Files.writeString(home.resolve("kniha, 1/kniha.pdf"), "%PDF-1.4 kniha");
        Path lock = home.resolve("delete_me_to_import_files.txt");
        Files.delete(lock);
        Files.writeString(log, home.resolve("kniha, 1/kniha.pdf") + ", nakladatel, STOR, 1795722980\n"
                + lock + ", nakladatel, DELE, 1795722982\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        String body = next("ImportRequest");
        assertTrue(body.contains("\"username\": \"nakladatel\""), body);
        assertTrue(body.contains("\"filename\": \"kniha, 1/kniha.pdf\""), body);
        assertTrue(body.contains("\"raw_data\": \"" + Base64.getEncoder().encodeToString("%PDF-1.4 kniha".getBytes(StandardCharsets.UTF_8)) + "\""), body);
        Await.until("the import log in the home", Duration.ofSeconds(10), () -> Files.exists(home.resolve("import.log.txt")));
        assertTrue(Files.readString(home.resolve("import.log.txt")).endsWith("Status: Ok\n"));
        assertTrue(Files.exists(lock));
        assertTrue(Files.notExists(home.resolve("kniha, 1")));

        Dist.Result status = daemon("edeposit-ftp-monitord", "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("edeposit-ftp-monitord is running"), status.toString());
    }

    @Test
    void aCrashBetweenTheConfirmAndTheStateWriteRepeatsTheMessageWithTheSameIdAndTheRestartCleansUp() throws Exception {
        Requests.publish(client, "ftp", "request", "add-2", "{\"__nt_name\": \"AddUser\", \"username\": \"crash\", \"password\": \"Heslo-2\"}");
        assertEquals("true", next("true"));
        Path home = data.resolve("crash");
        Files.writeString(home.resolve("book.epub"), "EPUB crash");
        Path lock = home.resolve("delete_me_to_import_files.txt");
        Files.delete(lock);
        Path stateDir = work.resolve("state");
        chattr("+i", stateDir); // the state file cannot be written: the monitor dies right after the confirm
        try {
            Files.writeString(log, lock + ", crash, DELE, 1795722990\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            GetResponse first = nextResponse("\"crash\"");
            Await.until("the monitor died", Duration.ofSeconds(30), () -> daemon("edeposit-ftp-monitord", "status").exitCode() == 3);
            assertTrue(Files.exists(home.resolve("book.epub")), "nothing was deleted");
            chattr("-i", stateDir);
            Dist.Result restarted = daemon("edeposit-ftp-monitord", "start", "-n", log.toString());
            assertTrue(restarted.exitCode() == 0, restarted.toString());
            GetResponse again = nextResponse("\"crash\"");
            assertEquals(first.getProps().getMessageId(), again.getProps().getMessageId());
            // The user's logs are written after the lock file, and the state file is saved last of all.
            Await.until("the restart cleaned up and reported", Duration.ofSeconds(30),
                    () -> Files.exists(lock) && Files.exists(home.resolve("import.log.txt"))
                            && !Files.readString(work.resolve("state/monitor.state")).contains("published="));
            assertTrue(Files.notExists(home.resolve("book.epub")), "the restart cleaned up");
        } finally {
            chattr("-i", stateDir);
        }
    }

    @Test
    void aSigkillRightAfterThePublishAndARestartSendAtMostARepeatWithTheSameIdAndTheCleanUpFinishes() throws Exception {
        Requests.publish(client, "ftp", "request", "add-3", "{\"__nt_name\": \"AddUser\", \"username\": \"killed\", \"password\": \"Heslo-3\"}");
        assertEquals("true", next("true"));
        Path home = data.resolve("killed");
        Files.writeString(home.resolve("kniha.epub"), "EPUB killed");
        Path lock = home.resolve("delete_me_to_import_files.txt");
        Files.delete(lock);
        Files.writeString(log, lock + ", killed, DELE, 1795723000\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        GetResponse first = nextResponse("\"killed\"");
        // SIGKILL as soon as the message is in the queue: anywhere between the confirm and the end of the clean-up.
        Dist.Result status = daemon("edeposit-ftp-monitord", "status");
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("\\(pid (\\d+)\\)").matcher(status.out());
        assertTrue(pid.find(), status.toString());
        ProcessHandle monitor = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        assertTrue(monitor.destroyForcibly());
        Await.until("the monitor killed", Duration.ofSeconds(30), () -> !monitor.isAlive());
        Dist.Result restarted = daemon("edeposit-ftp-monitord", "start", "-n", log.toString());
        assertTrue(restarted.exitCode() == 0, restarted + "\nlog:\n" + log("edeposit-ftp-monitord"));
        Await.until("the restart cleaned up and reported", Duration.ofSeconds(30),
                () -> Files.exists(lock) && Files.exists(home.resolve("import.log.txt"))
                        && !Files.readString(work.resolve("state/monitor.state")).contains("published="));
        assertTrue(Files.notExists(home.resolve("kniha.epub")), "the clean-up finished");
        // At most one repeat, with the same message_id; the log is handled to its end, so nothing more comes.
        List<String> repeats = new ArrayList<>();
        for (GetResponse more; (more = client.basicGet("plone", true)) != null; ) {
            if (new String(more.getBody(), StandardCharsets.UTF_8).contains("\"killed\"")) {
                repeats.add(more.getProps().getMessageId());
            }
        }
        assertTrue(repeats.isEmpty() || repeats.equals(List.of(first.getProps().getMessageId())), repeats.toString());
    }

    private static void chattr(String change, Path path) throws Exception {
        Process chattr = new ProcessBuilder("chattr", change, path.toString()).redirectErrorStream(true).start();
        String out = new String(chattr.getInputStream().readAllBytes());
        assertEquals(0, chattr.waitFor(), "chattr " + change + " " + path + ": " + out);
    }

    /** The next message of the queue plone whose body holds {@code text}; the others are dropped. */
    private static GetResponse nextResponse(String text) throws Exception {
        GetResponse[] found = new GetResponse[1];
        try {
            Await.until("a message with " + text + " in the queue plone", Duration.ofSeconds(60), () -> {
                GetResponse response = client.basicGet("plone", true);
                if (response != null && new String(response.getBody(), StandardCharsets.UTF_8).contains(text)) {
                    found[0] = response;
                }
                return found[0] != null;
            });
        } catch (AssertionError none) {
            throw new AssertionError(none.getMessage() + "\nmonitor's log:\n" + log("edeposit-ftp-monitord"), none);
        }
        return found[0];
    }

    @Test
    void withoutTheCapabilitiesItNeedsItStopsAtStartUpWithExit78AndOneLine() throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        Dist.Result refused = Dist.run(work, env, List.of("setpriv", "--inh-caps=-all", "--bounding-set=-chown", "--",
                Dist.bin("edeposit-ftp-monitord").toString(), "start", "--foreground", "-n", log.toString(),
                "--config-dir", work.resolve("config").toString(), "--pid-dir", work.resolve("run-refused").toString()));
        assertEquals(78, refused.exitCode(), refused.toString());
        List<String> lines = refused.err().lines().filter(line -> line.contains("must run as root")).toList();
        assertEquals(1, lines.size(), refused.toString());
        assertTrue(lines.get(0).endsWith("edeposit-ftp-monitord must run as root: it runs as root without CAP_CHOWN"
                + " (add them to CapabilityBoundingSet= of its unit)"), refused.toString());
        assertTrue(refused.err().lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace: " + refused);
    }

    @Test
    void aLogThatIsADirectoryStopsTheStartWithExit78NamingTheOption() throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        Dist.Result refused = Dist.run(work, env, List.of(Dist.bin("edeposit-ftp-monitord").toString(), "start",
                "--foreground", "-n", work.toString(), "--config-dir", work.resolve("config").toString(),
                "--pid-dir", work.resolve("run-refused").toString()));
        assertEquals(78, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("-n/--filename names the ExtendedLog " + work + ", which is a directory: name the file"),
                refused.toString());
    }
}
