package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.ftp.FtpManagerMessages.AddUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ChangePassword;
import cz.edeposit.amqp.ftp.FtpManagerMessages.RemoveUser;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.RecordingContext;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accounts the handler makes, as a real ProFTPD sees them: one {@code proftpd -n} for the class, with the
 * daemon's LOGIN_FILE as its AuthUserFile, and commons-net's FTPClient as the publisher.
 */
class FtpManagerProftpdIT {

    private static FtpTestSetup setup;
    private static FtpManagerHandler handler;
    private static TestProftpd proftpd;

    @BeforeAll
    static void start() throws Exception {
        setup = new FtpTestSetup("ftp-manager-it");
        handler = setup.handler(); // makes the empty LOGIN_FILE that ProFTPD needs to start
        proftpd = TestProftpd.start(Files.createDirectory(setup.base.resolve("proftpd")), setup.loginFile, setup.pidFile);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            proftpd.close();
        } finally {
            setup.close();
        }
    }

    private static void ask(Object request) throws Exception {
        assertEquals(true, handler.handle(request, new RecordingContext()));
    }

    /** A logged-in client, or null when ProFTPD refuses the login. */
    private static FTPClient login(String user, String password) throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.setControlEncoding("UTF-8"); // names and passwords are UTF-8, as the hashes are made from
        ftp.setConnectTimeout(5000);
        ftp.setDefaultTimeout(10_000);
        // ProFTPD re-binds its socket while it handles a SIGHUP: a refused connection is tried again.
        Await.until("a connection to ProFTPD", Duration.ofSeconds(10), () -> {
            try {
                ftp.connect("127.0.0.1", proftpd.port());
                return true;
            } catch (ConnectException rehashing) {
                return false;
            }
        });
        if (!ftp.login(user, password)) {
            ftp.disconnect();
            return null;
        }
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        return ftp;
    }

    private static void logout(FTPClient ftp) throws Exception {
        ftp.logout();
        ftp.disconnect();
    }

    @Test
    void afterAddUserThePublisherLogsInSeesTheLockFileAndUploads() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        FTPClient ftp = login("alice", "Heslo-123");
        assertTrue(ftp != null, "login failed:\n" + proftpd.log());
        try {
            assertEquals("/", ftp.printWorkingDirectory(), "DefaultRoot ~ keeps the user in the home");
            assertEquals(List.of(FtpTestSetup.LOCK_FILENAME), Arrays.asList(ftp.listNames()));
            byte[] book = "an e-book, with a comma, in its name".getBytes(StandardCharsets.UTF_8);
            assertTrue(ftp.storeFile("kniha, díl 1.epub", new ByteArrayInputStream(book)), ftp.getReplyString());
            assertTrue(ftp.makeDirectory("batch"), ftp.getReplyString());
        } finally {
            logout(ftp);
        }
        Path uploaded = setup.data.resolve("alice/kniha, díl 1.epub");
        assertEquals("an e-book, with a comma, in its name", Files.readString(uploaded));
        assertEquals(FtpTestSetup.GID, Files.getAttribute(uploaded, "unix:uid"), "written as the FTP account");
        String logged = uploaded + ", alice, STOR, ";
        assertTrue(proftpd.extendedLog().lines().anyMatch(line -> line.startsWith(logged) && line.substring(logged.length()).matches("\\d+")),
                "the ExtendedLog in the monitor's format:\n" + proftpd.extendedLog());
    }

    @Test
    void theShippedSnippetPassesProftpdsCheckInDebiansConfiguration() throws Exception {
        Path conf = setup.base.resolve("proftpd/debian-with-snippet.conf");
        // ProFTPD refuses a missing AuthUserFile even when it only checks: the daemon's LOGIN_FILE stands in.
        Files.writeString(conf, "Include /etc/proftpd/proftpd.conf\n"
                + TestProftpd.shippedSnippet().replace("/etc/proftpd/ftpd.passwd", setup.loginFile.toString()));
        Process check = new ProcessBuilder("/usr/sbin/proftpd", "-t", "-c", conf.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), out);
        assertFalse(out.contains("fatal"), out);
    }

    @Test
    void afterChangePasswordTheOldPasswordFailsAndTheNewOneWorks() throws Exception {
        ask(new AddUser("bob", "old-password"));
        logout(login("bob", "old-password"));
        ask(new ChangePassword("bob", "nové heslo"));
        assertEquals(null, login("bob", "old-password"));
        FTPClient ftp = login("bob", "nové heslo");
        assertTrue(ftp != null, "login with the new password failed:\n" + proftpd.log());
        logout(ftp);
    }

    @Test
    void afterRemoveUserLoginFailsAndTheHomeIsGoneButALinkTargetInItIsIntact() throws Exception {
        ask(new AddUser("carol", "Heslo-789"));
        FTPClient ftp = login("carol", "Heslo-789");
        assertTrue(ftp.storeFile("book.pdf", new ByteArrayInputStream(new byte[1000])), ftp.getReplyString());
        logout(ftp);
        Path outside = Files.createDirectories(setup.base.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Files.createSymbolicLink(setup.data.resolve("carol/link-out"), outside);
        ask(new RemoveUser("carol"));
        assertEquals(null, login("carol", "Heslo-789"));
        assertFalse(Files.exists(setup.data.resolve("carol")));
        assertEquals("keep", Files.readString(outside.resolve("precious.txt")));
    }

    @Test
    void proftpdSurvivesTheSighupAfterEachChange() throws Exception {
        long pid = proftpd.pid();
        assertEquals(Long.toString(pid), Files.readString(setup.pidFile).strip(), "its PidFile names it");
        ask(new AddUser("dave", "Heslo-000"));
        ask(new ChangePassword("dave", "Heslo-001"));
        Await.until("ProFTPD logged the reload", Duration.ofSeconds(10), () -> proftpd.log().contains("SIGHUP"));
        assertTrue(proftpd.alive(), proftpd.log());
        assertEquals(pid, proftpd.pid());
        assertTrue(proftpd.log().contains("SIGHUP"), "ProFTPD logged the reload:\n" + proftpd.log());
        FTPClient ftp = login("dave", "Heslo-001");
        assertTrue(ftp != null, "login after the reload failed:\n" + proftpd.log());
        logout(ftp);
    }
}
