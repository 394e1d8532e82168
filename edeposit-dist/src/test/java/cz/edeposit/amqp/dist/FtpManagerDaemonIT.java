package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-ftp-managerd} end to end: started by its launcher from the unpacked distribution with
 * {@code --workers 4}, as root, managing a passwd file and homes of its own through the real broker.
 */
class FtpManagerDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LaunchedDaemon daemon;
    private static Path work;
    private static Path passwd;
    private static Path data;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LaunchedDaemon.prepare("edeposit-ftp-managerd");
        work = daemon.work();
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = Files.createDirectories(work.resolve("proftpd"));
        passwd = conf.resolve("ftpd.passwd");
        data = work.resolve("home-ftp");
        Files.writeString(daemon.config().resolve("ftp.json"), "{\"CONF_PATH\": \"" + conf + "\", \"DATA_PATH\": \"" + data + "\","
                + " \"PROFTPD_PID_FILE\": \"" + conf.resolve("proftpd.pid") + "\"}");
        daemon.in(TestVhost.withSchema("ftp")).start("--workers", "4");
        assertEquals("", Files.readString(passwd), "the daemon made the empty AuthUserFile that ProFTPD needs");
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    @Test
    void twentyAddUsersAtOnceGiveTwentyIntactEntriesAndHomes() throws Exception {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < 20; i++) {
            String name = "publisher-" + i;
            names.add(name);
            Requests.publish(daemon.client(), "ftp", "request", "add-" + i,
                    "{\"__nt_name\": \"AddUser\", \"username\": \"" + name + "\", \"password\": \"Heslo-" + i + "\"}");
        }
        List<Reply> answers = daemon.replies().take(20, WAIT);
        for (Reply reply : answers) {
            assertEquals("true", reply.text(), () -> reply.headers() + "\nlog:\n" + daemon.log());
        }
        List<String> lines = Files.readAllLines(passwd);
        assertEquals(20, lines.size(), String.join("\n", lines));
        Set<String> inFile = new TreeSet<>();
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            assertEquals(7, fields.length, line);
            assertTrue(fields[1].matches("\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}"), line);
            assertEquals(List.of("2000", "2000", "", data.resolve(fields[0]).toString(), "/bin/false"),
                    List.of(fields[2], fields[3], fields[4], fields[5], fields[6]), line);
            assertTrue(Files.isRegularFile(data.resolve(fields[0]).resolve("delete_me_to_import_files.txt")), line);
            inFile.add(fields[0]);
        }
        assertEquals(names, inFile);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwd)));

        Requests.publish(daemon.client(), "ftp", "request", "list", "{\"__nt_name\": \"ListRegisteredUsers\"}");
        Reply list = daemon.replies().take(WAIT);
        assertTrue(list.text().contains("\"__nt_name\": \"Userlist\"") && list.text().contains("\"publisher-19\""), list.text());
    }

    @Test
    void aBadUserNameIsAnAssertionErrorAndAnUnknownUsersSettingsAKeyError() throws Exception {
        Requests.publish(daemon.client(), "ftp", "request", "bad", "{\"__nt_name\": \"AddUser\", \"username\": \"../etc\", \"password\": \"x\"}");
        Reply bad = daemon.replies().take(WAIT);
        assertEquals("exception", bad.header("x-edeposit-reply"), bad::text);
        assertEquals("AssertionError", bad.header("exception_name"));
        Requests.publish(daemon.client(), "ftp", "request", "unknown", "{\"__nt_name\": \"GetUserSettings\", \"username\": \"nobody-here\"}");
        Reply unknown = daemon.replies().take(WAIT);
        assertEquals("KeyError", unknown.header("exception_name"), unknown::text);
    }

    @Test
    void withoutTheCapabilitiesItNeedsItStopsAtStartUpWithExit78AndOneLine() throws Exception {
        Dist.Result refused = Dist.run(work, daemon.env(), List.of("setpriv", "--inh-caps=-all", "--bounding-set=-chown,-kill", "--",
                Dist.bin("edeposit-ftp-managerd").toString(), "start", "--foreground",
                "--config-dir", work.resolve("config").toString(), "--pid-dir", work.resolve("run-refused").toString()));
        assertEquals(78, refused.exitCode(), refused.toString());
        List<String> lines = refused.err().lines().filter(line -> line.contains("must run as root")).toList();
        assertEquals(1, lines.size(), refused.toString());
        assertTrue(lines.get(0).endsWith("edeposit-ftp-managerd must run as root: it runs as root without CAP_CHOWN, CAP_KILL"
                + " (add them to CapabilityBoundingSet= of its unit)"), refused.toString());
    }
}
