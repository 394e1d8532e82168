package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.DataPair;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.EbookFile;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.ImportRequest;
import cz.edeposit.amqp.ftp.FtpMonitorMessages.Item;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The import on real files, with a publisher that records what it is given (the broker's side is FtpMonitorIT's). */
class FtpMonitorImportTest {

    static final String META = "isbn;978-80-7422-551-2\nvazba;brož.\nnázev;Kniha\nmísto vydání;Brno\nnakladatel;N\n"
            + "datum vydání;2026\npořadí vydání;1.\nzpracovatel záznamu;Z\n";
    static final String ISBN_META = "{\"ISBN\": \"80-7422-502-X\", \"Vazba\": \"online\", \"Název\": \"Druhá\", "
            + "\"Místo\": \"Praha\", \"Nakladatel\": \"N\", \"Datum\": \"2025\", \"Pořadí\": \"2.\", \"Zpracovatel\": \"Z\"}";

    @TempDir
    Path dir;
    private FtpMonitorSettings settings;
    private FtpHomes homes;
    private Path home;
    private final List<String> ids = new ArrayList<>();
    private final List<ImportRequest> published = new ArrayList<>();
    private final NtCodec codec = new NtCodec(FtpMonitorMessages.TYPES);

    @BeforeEach
    void home() throws Exception {
        Files.writeString(dir.resolve("ftp.json"), "{\"DATA_PATH\": \"" + dir.resolve("data") + "\", \"LOGIN_FILE\": \""
                + dir.resolve("ftpd.passwd") + "\", \"MONITOR_STATE_FILE\": \"" + dir.resolve("monitor.state")
                + "\", \"UPLOAD_SETTLE_SECONDS\": 0}");
        settings = FtpMonitorSettings.from(Settings.load(FtpSettings.SCHEMA, "ftp.json", new ConfigLocator(dir, Map.of(), dir), Map.of()));
        homes = new FtpHomes(settings.ftp().dataPath(), settings.ftp().lockFilename(),
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("proftpd"), 2000);
        Files.createDirectories(settings.ftp().dataPath());
        homes.create("alice");
        home = settings.ftp().dataPath().resolve("alice");
        Files.delete(home.resolve(settings.ftp().lockFilename()));
        write("sub, 2/book, 2.epub", "EPUB bytes \u0000\u00ff");
        write("sub, 2/book, 2.csv", META);
        write("meta/80-7422-502-X.json", ISBN_META);
        write("meta/notes.txt", "alone");
        write("meta/bad.yaml", "nazev: jen název\n");
        write("books/80-7422-502-X.pdf", "%PDF");
        write("books/other.pdf", "%PDF 2");
        write("books/third.pdf", "%PDF 3");
    }

    /** Writes a file of the home: UTF-8, except the e-books, whose characters are taken as bytes. */
    private void write(String relative, String text) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        boolean metadata = FtpMonitorPairing.isMetadata(relative);
        Files.writeString(file, text, metadata ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private FtpMonitorImport importer(FtpMonitorPublisher publisher) {
        return new FtpMonitorImport(settings, publisher, codec, homes);
    }

    private void record(byte[] body, String id) {
        ids.add(id);
        published.add(codec.decode(body, ImportRequest.class));
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anImportSendsPairsAndLoneFilesThenCleansUpAndReportsInTheHome() throws Exception {
        FtpMonitorPosition trigger = new FtpMonitorPosition(1, 2, 300);
        FtpMonitorState after = importer(this::record).run("alice", FtpUserSwitches.ALL_ON, trigger, FtpMonitorState.INITIAL);

        assertEquals(1, published.size());
        ImportRequest request = published.get(0);
        assertEquals("alice", request.username());
        List<String> shapes = new ArrayList<>();
        for (Item item : request.requests()) {
            shapes.add(item instanceof DataPair pair ? pair.metadataFile().filename() + " + " + pair.ebookFile().filename()
                    : item instanceof EbookFile ebook ? ebook.filename() : item.toString());
        }
        // The ISBN pair takes its metadata file's place: directories in name order, files in name order.
        assertEquals(List.of("books/other.pdf", "books/third.pdf", "meta/80-7422-502-X.json + books/80-7422-502-X.pdf",
                "meta/notes.txt", "sub, 2/book, 2.csv + sub, 2/book, 2.epub"), shapes);
        DataPair pair = (DataPair) request.requests().get(4);
        assertEquals("EPUB bytes \u0000\u00ff", decoded(pair.ebookFile().rawData()));
        assertEquals(META, new String(Base64.getDecoder().decode(pair.metadataFile().rawData()), StandardCharsets.UTF_8));
        assertEquals("978-80-7422-551-2", pair.metadataFile().parsedData().isbn());
        assertEquals("Brno", pair.metadataFile().parsedData().mistoVydani());
        assertEquals("80-7422-502-X", ((DataPair) request.requests().get(2)).metadataFile().parsedData().isbn());
        assertTrue(request.errorLog().contains("meta/bad.yaml: missing keywords: isbn, vazba, misto"), request.errorLog());
        assertTrue(request.importLog().endsWith("Status: Error\n"), request.importLog());

        // Sent files are gone, the bad one stays (LEAVE_BAD_FILES), empty directories are gone, the lock is back.
        assertEquals(List.of("", "delete_me_to_import_files.txt", "error.log.txt", "import.log.txt", "meta", "meta/bad.yaml"),
                FtpTestFiles.tree(home));
        assertEquals(request.importLog(), Files.readString(home.resolve("import.log.txt")));
        assertEquals(request.errorLog(), Files.readString(home.resolve("error.log.txt")));
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("meta"))));
        assertEquals(new FtpMonitorState(trigger, null, null, List.of()), after);
        assertEquals(after, FtpMonitorState.load(settings.stateFile()));
    }

    @Test
    void badFilesAreDeletedWithoutLeaveBadFilesAndNoImportLogWithoutCreateImportLog() throws Exception {
        FtpUserSwitches switches = new FtpUserSwitches(true, true, true, false, false);
        importer(this::record).run("alice", switches, new FtpMonitorPosition(1, 2, 3), FtpMonitorState.INITIAL);
        assertEquals(List.of("", "delete_me_to_import_files.txt", "error.log.txt"), FtpTestFiles.tree(home));
    }

    @Test
    void whileTheBrokerRefusesNothingIsDeletedAndTheRetrySendsTheSameMessageId() throws Exception {
        List<String> before = FtpTestFiles.tree(home);
        FtpMonitorPosition trigger = new FtpMonitorPosition(1, 2, 3);
        assertThrows(IOException.class, () -> importer((body, id) -> {
            ids.add(id);
            throw new IOException("the broker is down");
        }).run("alice", FtpUserSwitches.ALL_ON, trigger, FtpMonitorState.INITIAL));
        assertEquals(before, FtpTestFiles.tree(home));
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home))); // kept as sent
        assertEquals(FtpMonitorState.INITIAL, FtpMonitorState.load(settings.stateFile()));

        importer(this::record).run("alice", FtpUserSwitches.ALL_ON, trigger, FtpMonitorState.INITIAL);
        assertEquals(2, ids.size());
        assertEquals(ids.get(0), ids.get(1));
    }

    private static final List<String> SENT = List.of("books/other.pdf", "books/third.pdf", "meta/80-7422-502-X.json",
            "books/80-7422-502-X.pdf", "meta/notes.txt", "sub, 2/book, 2.csv", "sub, 2/book, 2.epub");

    @Test
    void aRestartAfterThePublishedRecordFinishesTheCleanUpWithoutSendingAgain() throws Exception {
        FtpMonitorPosition trigger = new FtpMonitorPosition(1, 2, 3);
        // The first run dies after the confirm (the publisher fails then): the home stays locked and whole.
        assertThrows(IOException.class, () -> importer((body, id) -> {
            record(body, id);
            throw new IOException("dies after the confirm");
        }).run("alice", FtpUserSwitches.ALL_ON, trigger, FtpMonitorState.INITIAL));
        // As the state file says when the crash came after its "published" record.
        FtpMonitorState saved = new FtpMonitorState(FtpMonitorPosition.NONE, "alice", ids.get(0), SENT);
        published.clear();
        FtpMonitorState after = importer(this::record).run("alice", FtpUserSwitches.ALL_ON, trigger, saved);
        assertEquals(List.of(), published);
        assertEquals(List.of("", "delete_me_to_import_files.txt", "import.log.txt", "meta", "meta/bad.yaml"),
                FtpTestFiles.tree(home));
        assertEquals(new FtpMonitorState(trigger, null, null, List.of()), after);
        assertEquals(after, FtpMonitorState.load(settings.stateFile()));
    }

    @Test
    void aCleanUpThatFailsAfterTheConfirmIsReportedAndTheImportEndsWithoutSendingAgain() throws Exception {
        FtpMonitorPosition trigger = new FtpMonitorPosition(1, 2, 3);
        Path stuck = home.resolve("books/other.pdf");
        FtpMonitorState after;
        try {
            // Once published, a sent file cannot be deleted.
            after = importer((body, id) -> {
                record(body, id);
                try {
                    FtpTestFiles.immutable(stuck, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).run("alice", FtpUserSwitches.ALL_ON, trigger, FtpMonitorState.INITIAL);
        } finally {
            FtpTestFiles.immutable(stuck, false);
        }
        assertEquals(1, published.size());
        assertEquals(new FtpMonitorState(trigger, null, null, List.of()), after);
        assertEquals(after, FtpMonitorState.load(settings.stateFile()));
        assertEquals(List.of("", "books", "books/other.pdf", "delete_me_to_import_files.txt", "error.log.txt",
                "import.log.txt", "meta", "meta/bad.yaml"), FtpTestFiles.tree(home));
        String errorLog = Files.readString(home.resolve("error.log.txt"));
        assertTrue(errorLog.contains("books/other.pdf: could not be deleted")
                && errorLog.contains("it was sent already: delete it, or the next import sends it again"), errorLog);
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
    }

    @Test
    void anImportThatFailsOnIoBeforeSendingIsReportedAndTheHomeIsGivenBackWhole() throws Exception {
        FtpMonitorPosition trigger = new FtpMonitorPosition(1, 2, 3);
        List<String> before = FtpTestFiles.tree(home);
        Path stuck = home.resolve("books/third.pdf");
        FtpMonitorState after;
        FtpTestFiles.immutable(stuck, true); // its mode cannot be changed: locking the home fails
        try {
            after = importer(this::record).run("alice", FtpUserSwitches.ALL_ON, trigger, FtpMonitorState.INITIAL);
        } finally {
            FtpTestFiles.immutable(stuck, false);
        }
        assertEquals(List.of(), published);
        assertEquals(new FtpMonitorState(trigger, null, null, List.of()), after);
        assertEquals(after, FtpMonitorState.load(settings.stateFile()));
        List<String> expected = new ArrayList<>(before);
        expected.addAll(List.of("delete_me_to_import_files.txt", "error.log.txt", "import.log.txt"));
        expected.sort(null);
        assertEquals(expected, FtpTestFiles.tree(home));
        String errorLog = Files.readString(home.resolve("error.log.txt"));
        assertTrue(errorLog.startsWith("The import failed before anything was sent (cannot lock books/third.pdf"), errorLog);
        assertTrue(errorLog.contains("Delete the lock file again to try again"), errorLog);
        assertTrue(Files.readString(home.resolve("import.log.txt")).endsWith("Status: Error\n"));
        assertEquals("rwxrwxr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("books"))));
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("books/other.pdf"))));
    }

    @Test
    void aFileThatChangesWhileItsMessageIsEncodedIsLeftOutWholeAndNamedAndTheRestIsSent() throws Exception {
        Files.writeString(dir.resolve("ftp.json"), Files.readString(dir.resolve("ftp.json")).replace("}",
                ", \"MAX_MESSAGE_BYTES\": 262144}"));
        settings = FtpMonitorSettings.from(Settings.load(FtpSettings.SCHEMA, "ftp.json", new ConfigLocator(dir, Map.of(), dir), Map.of()));
        byte[] big = new byte[100_000];
        Files.write(home.resolve("big-1.pdf"), big);
        Files.write(home.resolve("big-2.pdf"), big);
        importer((body, id) -> {
            record(body, id);
            if (published.size() == 1) { // the other big file shrinks before its message is encoded
                String other = files(published.get(0)).contains("big-1.pdf") ? "big-2.pdf" : "big-1.pdf";
                try (var channel = Files.newByteChannel(home.resolve(other), java.nio.file.StandardOpenOption.WRITE)) {
                    channel.truncate(50_000);
                }
            }
        }).run("alice", FtpUserSwitches.ALL_ON, new FtpMonitorPosition(1, 2, 3), FtpMonitorState.INITIAL);
        List<String> sent = new ArrayList<>();
        published.forEach(request -> sent.addAll(files(request)));
        String left = sent.contains("big-1.pdf") ? "big-2.pdf" : "big-1.pdf";
        assertFalse(sent.contains(left), sent.toString());
        assertTrue(sent.containsAll(SENT), sent.toString());
        assertEquals(50_000, Files.size(home.resolve(left)), "left in place as it is");
        String errorLog = Files.readString(home.resolve("error.log.txt"));
        assertTrue(errorLog.contains(left + ": could not be read while it was sent (it has 50000 bytes now, 100000 when"
                + " the import began); left in place for the next import"), errorLog);
        assertTrue(ids.size() >= 2 && ids.get(0).endsWith("-1"), ids.toString());
    }

    private static List<String> files(ImportRequest request) {
        List<String> files = new ArrayList<>();
        for (Item item : request.requests()) {
            if (item instanceof DataPair pair) {
                files.add(pair.metadataFile().filename());
                files.add(pair.ebookFile().filename());
            } else if (item instanceof EbookFile ebook) {
                files.add(ebook.filename());
            } else if (item instanceof FtpMonitorMessages.MetadataFile metadata) {
                files.add(metadata.filename());
            }
        }
        return files;
    }
}
