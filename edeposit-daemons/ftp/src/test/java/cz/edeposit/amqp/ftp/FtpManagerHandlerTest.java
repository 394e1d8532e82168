package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.ftp.FtpManagerMessages.AddUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ChangePassword;
import cz.edeposit.amqp.ftp.FtpManagerMessages.GetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.ListRegisteredUsers;
import cz.edeposit.amqp.ftp.FtpManagerMessages.RemoveUser;
import cz.edeposit.amqp.ftp.FtpManagerMessages.SetUserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.UserSettings;
import cz.edeposit.amqp.ftp.FtpManagerMessages.Userlist;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.PreconditionError;
import cz.edeposit.amqp.wire.WireException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler on real files (no ProFTPD here: FtpManagerProftpdIT logs in): what each request changes, and what a refused one does not. */
class FtpManagerHandlerTest {

    private FtpTestSetup setup;
    private FtpManagerHandler handler;

    @BeforeEach
    void start() throws Exception {
        setup = new FtpTestSetup("ftp-handler-test");
        handler = setup.handler();
    }

    @AfterEach
    void clean() throws Exception {
        setup.close();
    }

    private Object ask(Object request) throws Exception {
        return handler.handle(request, new RecordingContext());
    }

    @Test
    void startUpMakesAnEmptyPasswdFileAndDataPath() throws Exception {
        assertEquals("", setup.passwdText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(setup.loginFile)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(setup.data)));
        assertEquals(new Userlist(List.of()), ask(new ListRegisteredUsers()));
    }

    @Test
    void addUserMakesTheHomeWithItsLockFileAndThenTheEntry() throws Exception {
        assertEquals(true, ask(new AddUser("alice", "Heslo-123")));
        Path home = setup.data.resolve("alice");
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("proftpd", Files.getOwner(home).getName());
        assertEquals(FtpTestSetup.GID, Files.getAttribute(home, "unix:gid"));
        Path lock = home.resolve(FtpTestSetup.LOCK_FILENAME);
        assertTrue(Files.readString(lock).contains("Delete this file"), "the English text");
        assertTrue(Files.readString(lock).contains("Smažte tento soubor"), "the Czech text");
        assertEquals(FtpTestSetup.GID, Files.getAttribute(lock, "unix:gid"));
        String[] fields = setup.passwdText().strip().split(":", -1);
        assertEquals(List.of("alice", "2000", "2000", "", home.toString(), "/bin/false"),
                List.of(fields[0], fields[2], fields[3], fields[4], fields[5], fields[6]));
        assertTrue(fields[1].startsWith("$6$") && FtpPasswords.matches("Heslo-123", fields[1]), fields[1]);
        assertEquals(new Userlist(List.of("alice")), ask(new ListRegisteredUsers()));
    }

    @Test
    void aRepeatedAddUserWithTheSamePasswordAnswersTrueAndChangesNothing() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        String before = setup.passwdText();
        assertEquals(true, ask(new AddUser("alice", "Heslo-123")));
        assertEquals(before, setup.passwdText());
        refused(PreconditionError.class, "User 'alice' is already registered!", new AddUser("alice", "other"));
    }

    @Test
    void refusedRequestsLeaveThePasswdFileByteForByteAndCreateNothing() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        refused(PreconditionError.class, "Invalid format of username '..': it must not start with '.' or '-'!", new AddUser("..", "x"));
        refused(PreconditionError.class, "Invalid format of username '': it is empty!", new AddUser("", "x"));
        refused(PreconditionError.class, "Password is required!", new AddUser("bob", ""));
        refused(PreconditionError.class, "Password is required!", new AddUser("bob", null));
        refused(PreconditionError.class, "Username 'bob' not found!", new RemoveUser("bob"));
        refused(PreconditionError.class, "Username 'bob' not found!", new ChangePassword("bob", "x"));
        refused(PreconditionError.class, "Password is required!", new ChangePassword("alice", ""));
        refused(KeyError.class, "Username 'bob' not found!", new GetUserSettings("bob"));
        refused(KeyError.class, "Username 'bob' not found!", new SetUserSettings("bob", true, true, true, true, true));
        refused(PreconditionError.class, "Invalid format of username 'a/b'", new GetUserSettings("a/b"));
    }

    private void refused(Class<? extends WireException> type, String message, Object request) throws Exception {
        String passwd = setup.passwdText();
        List<String> files = FtpTestFiles.tree(setup.base);
        Executable call = () -> ask(request);
        WireException error = assertThrows(type, call, request.toString());
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
        assertEquals(passwd, setup.passwdText(), request + " changed the passwd file");
        assertEquals(files, FtpTestFiles.tree(setup.base), request + " created or deleted files");
    }

    @Test
    void changePasswordReplacesOnlyTheHash() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        ask(new SetUserSettings("alice", false, true, false, true, true));
        FtpPasswdEntry before = FtpPasswd.parse(setup.passwdText()).find("alice").orElseThrow();
        assertEquals(true, ask(new ChangePassword("alice", "Nové heslo")));
        FtpPasswdEntry after = FtpPasswd.parse(setup.passwdText()).find("alice").orElseThrow();
        assertEquals(before.withHash(after.hash()), after);
        assertTrue(FtpPasswords.matches("Nové heslo", after.hash()));
        assertFalse(FtpPasswords.matches("Heslo-123", after.hash()));
    }

    @Test
    void theSwitchesLiveInTheGecosFieldAndAnEmptyOneIsAllOn() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        assertEquals(new UserSettings("alice", true, true, true, true, true), ask(new GetUserSettings("alice")));
        assertEquals(new UserSettings("alice", false, true, false, true, false),
                ask(new SetUserSettings("alice", false, true, false, null, false)));
        assertEquals("ftftf", FtpPasswd.parse(setup.passwdText()).find("alice").orElseThrow().gecos());
        assertEquals(new UserSettings("alice", false, true, false, true, false), ask(new GetUserSettings("alice")));
    }

    @Test
    void removeUserDeletesTheEntryAndTheHomeButNotWhatALinkInItPointsTo() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        ask(new AddUser("bob", "Heslo-456"));
        Path outside = Files.createDirectory(setup.base.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "keep");
        Files.createSymbolicLink(setup.data.resolve("alice/link"), outside);
        Files.writeString(setup.data.resolve("alice/book.epub"), "epub");
        assertEquals(true, ask(new RemoveUser("alice")));
        assertEquals(new Userlist(List.of("bob")), ask(new ListRegisteredUsers()));
        assertEquals(List.of("bob"), FtpTestFiles.tree(setup.data).stream().filter(p -> !p.isEmpty() && !p.contains("/")).toList());
        assertEquals("keep", Files.readString(outside.resolve("precious.txt")));
    }

    @Test
    void aFailedPasswdWriteUndoesTheHomeOfAddUserAndTheRemovalOfRemoveUser() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        Files.writeString(setup.data.resolve("alice/book.epub"), "epub");
        String passwd = setup.passwdText();
        List<String> files = FtpTestFiles.tree(setup.base);
        FtpTestFiles.immutable(setup.loginFile, true);
        try {
            assertEquals("IOError", assertThrows(FtpIOError.class, () -> ask(new AddUser("bob", "x"))).wireName());
            assertThrows(FtpIOError.class, () -> ask(new RemoveUser("alice")));
        } finally {
            FtpTestFiles.immutable(setup.loginFile, false);
        }
        assertEquals(passwd, setup.passwdText());
        assertEquals(files, FtpTestFiles.tree(setup.base), "bob's home is gone, alice's is back with her book");
        assertEquals(true, ask(new AddUser("bob", "x")), "the lock was released");
    }

    @Test
    void aHomeLeftBehindIsKeptAndALinkInPlaceOfTheLockFileIsReplacedNotWrittenThrough() throws Exception {
        Path outside = Files.writeString(setup.base.resolve("precious.txt"), "keep");
        Path home = Files.createDirectories(setup.data.resolve("eve"));
        Files.writeString(home.resolve("book.epub"), "epub");
        Files.createSymbolicLink(home.resolve(FtpTestSetup.LOCK_FILENAME), outside);
        assertEquals(true, ask(new AddUser("eve", "Heslo-123")));
        assertEquals("keep", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(home.resolve(FtpTestSetup.LOCK_FILENAME)));
        assertTrue(Files.readString(home.resolve(FtpTestSetup.LOCK_FILENAME)).contains("Delete this file"));
        assertEquals("epub", Files.readString(home.resolve("book.epub")));
        assertEquals("proftpd", Files.getOwner(home).getName());
    }

    @Test
    void startUpFinishesRemovalsACrashInterruptedHomeBackIfTheUserStaysDeletedIfNot() throws Exception {
        ask(new AddUser("alice", "Heslo-123"));
        Files.writeString(setup.data.resolve("alice/book.epub"), "epub");
        // As if the daemon died between setting alice's home aside and writing the passwd file ...
        Files.move(setup.data.resolve("alice"), setup.data.resolve(".removed-alice-0b7a3a0c-1f2e-4c3d-9e8f-0123456789ab"));
        // ... and after removing gone-user's entry, before deleting its home.
        Path gone = Files.createDirectories(setup.data.resolve(".removed-gone-user-5f0c7a3e-2b1d-4e6f-8a9b-abcdef012345/sub"));
        Files.writeString(gone.resolve("file"), "x");
        handler = setup.handler();
        assertEquals("epub", Files.readString(setup.data.resolve("alice/book.epub")));
        assertEquals(List.of("", "alice", "alice/book.epub", "alice/" + FtpTestSetup.LOCK_FILENAME), FtpTestFiles.tree(setup.data));
    }

    @Test
    void aPasswdFileThatIsNotUtf8IsAnIoErrorNotRewrittenWithReplacedBytes() throws Exception {
        byte[] latin1 = "bob:x:2000:2000:Jos\u00e9:/home/ftp/bob:/bin/false\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(setup.loginFile, latin1);
        FtpIOError error = assertThrows(FtpIOError.class, () -> ask(new AddUser("alice", "Heslo-123")));
        assertTrue(error.getMessage().contains("is not UTF-8 text"), error.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(latin1, Files.readAllBytes(setup.loginFile));
        assertFalse(Files.exists(setup.data.resolve("alice")));
        for (Object read : List.of(new ListRegisteredUsers(), new GetUserSettings("bob"))) {
            FtpIOError refused = assertThrows(FtpIOError.class, () -> ask(read));
            assertTrue(refused.getMessage().contains("is not UTF-8 text"), refused.getMessage());
        }
    }

    @Test
    void aPasswdFileThatEndsInTheMiddleOfACharacterIsNotUtf8ForAListEither() throws Exception {
        byte[] utf8 = "bob:x:2000:2000::/home/ftp/bob:/bin/false\n# Jos\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(setup.loginFile, java.util.Arrays.copyOf(utf8, utf8.length - 1));
        FtpIOError refused = assertThrows(FtpIOError.class, () -> ask(new ListRegisteredUsers()));
        assertTrue(refused.getMessage().contains("is not UTF-8 text"), refused.getMessage());
        Files.write(setup.loginFile, utf8);
        assertEquals(new Userlist(List.of("bob")), ask(new ListRegisteredUsers()));
    }

    @Test
    void aPidFileOfAnotherProgramGetsNoSignal() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(setup.pidFile, sleep.pid() + "\n");
            ask(new AddUser("alice", "Heslo-123"));
            assertTrue(sleep.isAlive(), "a SIGHUP would have ended sleep");
        } finally {
            sleep.destroy();
        }
    }
}
