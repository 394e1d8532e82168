package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.testing.RecordingContext;
import cz.edeposit.amqp.wire.UserWarning;
import cz.edeposit.amqp.wire.ValueError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler as the daemon builds it from antivirus.json, against a real clamd of the test's own. */
class AntivirusHandlerIT {

    private static final String NEW_MARKER = "EDEPOSIT-NEW-MARKER-81d0e4";
    /** The antivirus sends no progress messages: {@link #sendsNoProgress} checks after each test. */
    private static final RecordingContext CONTEXT = new RecordingContext();

    @TempDir
    Path dir;

    @AfterEach
    void sendsNoProgress() {
        assertEquals(List.of(), CONTEXT.progress, "the antivirus sends no progress messages");
    }

    private TestClamd clamd;
    private Path signatures;

    @BeforeEach
    void startClamd() throws Exception {
        clamd = TestClamd.start(Files.createDirectory(dir.resolve("clamd")));
        signatures = Files.createDirectory(dir.resolve("signatures"));
    }

    @AfterEach
    void stopClamd() throws Exception {
        clamd.close();
    }

    private RpcHandler handler(String extraSettings) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("antivirus.json"), "{\"CONF_PATH\": \"" + clamd.conf() + "\", \"LOCALSOCKET\": \""
                + clamd.socket() + "\", \"SIGNATURE_DIR\": \"" + signatures + "\"" + extraSettings + "}");
        return AntivirusHandler.create(new DaemonEnvironment(new ConfigLocator(config, Map.of(), config), Map.of(), null, 1));
    }

    private static ScanFile file(String name, byte[] content) {
        return new ScanFile(name, Base64.getEncoder().encodeToString(content));
    }

    private static Object scan(RpcHandler handler, String name, String content) throws Exception {
        return handler.handle(file(name, content.getBytes(StandardCharsets.US_ASCII)), CONTEXT);
    }

    @Test
    void answersACleanFileWithAnEmptyResultAndEicarWithTheOriginalsShape() throws Exception {
        RpcHandler handler = handler(", \"FRESHCLAM_PATH\": \"\"");
        assertEquals(new ScanResult("a.txt", Map.of()), scan(handler, "a.txt", "hello"));
        assertEquals(new ScanResult("dir/eicar.com", Map.of("dir/eicar.com", List.of("FOUND", TestClamd.EICAR_SIGNATURE + ".UNOFFICIAL"))),
                handler.handle(file("dir/eicar.com", TestClamd.eicar()), CONTEXT));
        String wrapped = Base64.getMimeEncoder().encodeToString(("x".repeat(300) + TestClamd.MARKER).getBytes(StandardCharsets.US_ASCII));
        assertTrue(wrapped.contains("\r\n"));
        assertEquals(new ScanResult(null, Map.of("stream", List.of("FOUND", TestClamd.MARKER_SIGNATURE + ".UNOFFICIAL"))),
                handler.handle(new ScanFile(null, wrapped), CONTEXT));
    }

    @Test
    void rejectsBadBase64AndMissingDataWithValueError() throws Exception {
        RpcHandler handler = handler("");
        ValueError bad = assertThrows(ValueError.class, () -> handler.handle(new ScanFile("a.pdf", "JVBERi0x*LjQK"), CONTEXT));
        assertTrue(bad.getMessage().startsWith("b64_data is not valid base64: character '*'"), bad.getMessage());
        assertThrows(ValueError.class, () -> handler.handle(new ScanFile("a.pdf", null), CONTEXT));
    }

    @Test
    void refusesAFileOverStreamMaxLengthSayingHowToRaiseIt() throws Exception {
        RpcHandler handler = handler("");
        ValueError error = assertThrows(ValueError.class,
                () -> handler.handle(file("big.iso", new byte[300_000]), CONTEXT));
        assertEquals("'big.iso' is 300000 bytes, more than clamd scans: 262144 bytes (StreamMaxLength 256K in " + clamd.conf()
                + "); raise StreamMaxLength in " + clamd.conf() + " and restart clamd (clamd scans a stream whole only up to"
                + " the smallest of StreamMaxLength, MaxFileSize and MaxScanSize)", error.getMessage());
    }

    @Test
    void answersWithAnErrorWhileClamdIsDownAndWorksOnceItIsBack() throws Exception {
        RpcHandler handler = handler("");
        clamd.stop();
        ValueError down = assertThrows(ValueError.class, () -> scan(handler, "a.txt", "hello"));
        assertTrue(down.getMessage().contains("unix socket " + clamd.socket()), down.getMessage());
        clamd.start();
        assertEquals(new ScanResult("a.txt", Map.of()), scan(handler, "a.txt", "hello"));
    }

    @Test
    void installsANewLocalSignatureThatThenFindsANewMarker() throws Exception {
        RpcHandler handler = handler(", \"FRESHCLAM_PATH\": \"\"");
        assertEquals(Map.of(), ((ScanResult) scan(handler, "n.txt", "see " + NEW_MARKER)).result());
        Files.writeString(signatures.resolve("edeposit-new.ndb"), TestClamd.bodySignature("Edeposit.Test.NewMarker", NEW_MARKER));
        Files.writeString(signatures.resolve("README"), "not a signature file");

        DatabaseUpdated updated = (DatabaseUpdated) handler.handle(new UpdateDatabase(), CONTEXT);

        assertTrue(updated.log().contains("freshclam: not configured"), updated.log());
        assertTrue(updated.log().contains("staged edeposit-new.ndb"), updated.log());
        assertTrue(updated.log().contains("ignored README"), updated.log());
        assertTrue(updated.log().contains("installed " + clamd.databaseDir().resolve("edeposit-new.ndb")), updated.log());
        assertTrue(updated.log().contains("clamd activated the new database after"), updated.log());
        assertEquals(Map.of("n.txt", List.of("FOUND", "Edeposit.Test.NewMarker.UNOFFICIAL")),
                ((ScanResult) scan(handler, "n.txt", "see " + NEW_MARKER)).result());
        assertEquals(List.of(), leftovers());

        DatabaseUpdated again = (DatabaseUpdated) handler.handle(new UpdateDatabase(), CONTEXT);
        assertTrue(again.log().contains("unchanged edeposit-new.ndb"), again.log());
        assertTrue(again.log().contains("nothing changed"), again.log());
    }

    @Test
    void fallsBackToTheLocalSignaturesWhenFreshclamCannotReachItsMirror() throws Exception {
        Path freshclamConf = dir.resolve("freshclam.conf");
        Files.writeString(freshclamConf, String.join("\n", "DatabaseDirectory " + clamd.databaseDir(),
                "UpdateLogFile " + dir.resolve("freshclam.log"), "DatabaseOwner " + System.getProperty("user.name"),
                "PrivateMirror http://127.0.0.1:" + closedPort(), "MaxAttempts 1", "ConnectTimeout 5", "") + "\n");
        RpcHandler handler = handler(", \"FRESHCLAM_CONFIG\": \"" + freshclamConf + "\"");
        Files.writeString(signatures.resolve("edeposit-new.ndb"), TestClamd.bodySignature("Edeposit.Test.NewMarker", NEW_MARKER));

        DatabaseUpdated updated = (DatabaseUpdated) handler.handle(new UpdateDatabase(), CONTEXT);

        assertTrue(updated.log().contains("freshclam: running /usr/bin/freshclam --stdout --datadir=" + clamd.databaseDir()), updated.log());
        assertTrue(updated.log().contains("freshclam: failed (exit status"), updated.log());
        assertTrue(updated.log().contains("local signatures: copying from " + signatures), updated.log());
        assertEquals(Map.of("n.txt", List.of("FOUND", "Edeposit.Test.NewMarker.UNOFFICIAL")),
                ((ScanResult) scan(handler, "n.txt", NEW_MARKER)).result());
    }

    @Test
    void keepsThePreviousDatabaseWhenClamdCannotLoadTheNewOne() throws Exception {
        RpcHandler handler = handler(", \"FRESHCLAM_PATH\": \"\", \"CLAMD_RELOAD_TIMEOUT\": 3");
        Path existing = clamd.databaseDir().resolve("edeposit-test.ndb");
        String before = Files.readString(existing);
        Files.writeString(signatures.resolve("edeposit-test.ndb"), TestClamd.bodySignature("Edeposit.Test.Replaced", NEW_MARKER));
        Files.writeString(signatures.resolve("broken.ndb"), "Broken.Signature:0:*:not-hex\n");

        UserWarning failure = assertThrows(UserWarning.class, () -> handler.handle(new UpdateDatabase(), CONTEXT));

        assertTrue(failure.getMessage().startsWith("UpdateDatabase failed: clamd did not activate the new database within 3 s"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("see clamd's log " + clamd.log()), failure.getMessage());
        assertTrue(failure.getMessage().contains("restored the previous files"), failure.getMessage());
        assertEquals(before, Files.readString(existing));
        assertFalse(Files.exists(clamd.databaseDir().resolve("broken.ndb")));
        assertEquals(List.of(), leftovers());
        assertEquals(Map.of("m.txt", List.of("FOUND", TestClamd.MARKER_SIGNATURE + ".UNOFFICIAL")),
                ((ScanResult) scan(handler, "m.txt", TestClamd.MARKER)).result(), "clamd still scans with the old database");
        clamd.stop();
        clamd.start(); // and it still starts: the directory holds a loadable database
    }

    @Test
    void failsWithTheReasonWhenThereIsNoUpdateSource() throws Exception {
        RpcHandler handler = handler(", \"FRESHCLAM_PATH\": \"" + dir.resolve("no-freshclam") + "\"");
        UserWarning failure = assertThrows(UserWarning.class, () -> handler.handle(new UpdateDatabase(), CONTEXT));
        assertTrue(failure.getMessage().contains("is not an executable file; skipped"), failure.getMessage());
        assertTrue(failure.getMessage().contains("holds no signature files"), failure.getMessage());
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(clamd.databaseDir())) {
            return files.filter(f -> f.toString().endsWith(DatabaseTransaction.NEW_SUFFIX)
                    || f.toString().endsWith(DatabaseTransaction.OLD_SUFFIX)).toList();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
