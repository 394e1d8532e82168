package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.testing.RecordingContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives past clamd's scan limits, built here, scanned by a real clamd with small limits: none
 * comes back as a clean {@code result: {}} (docs/antivirus.md, "Silent limits").
 */
class SilentLimitsIT {

    /** Small limits, as the recommended clamd.conf sets them: MaxFileSize equal to MaxScanSize. */
    private static final Map<String, String> LIMITS = Map.of("StreamMaxLength", "1M", "MaxFileSize", "200K",
            "MaxScanSize", "200K", "MaxRecursion", "3", "MaxFiles", "5");
    private static final int OVER = 300_000;
    private static final byte[] MARKER = TestClamd.MARKER.getBytes(StandardCharsets.US_ASCII);
    /** The antivirus sends no progress messages: {@link #sendsNoProgress} checks after each test. */
    private static final RecordingContext CONTEXT = new RecordingContext();

    @TempDir
    Path dir;

    @AfterEach
    void sendsNoProgress() {
        assertEquals(List.of(), CONTEXT.progress, "the antivirus sends no progress messages");
    }

    @Test
    void noArchivePastALimitComesBackClean() throws Exception {
        try (TestClamd clamd = TestClamd.start(dir.resolve("clamd"), LIMITS)) {
            RpcHandler handler = handler(clamd, "");
            Map<String, byte[]> archives = new LinkedHashMap<>();
            archives.put("member over MaxFileSize.zip", zip(Map.of("a.bin", markerAfter(OVER))));
            archives.put("zip bomb over MaxScanSize.zip", zip(Map.of("a.bin", new byte[150_000], "b.bin", new byte[150_000],
                    "c.bin", markerAfter(150_000))));
            archives.put("nested past MaxRecursion.zip", nested(6, zip(Map.of("m.txt", MARKER))));
            archives.put("nested member over MaxFileSize.zip", zip(Map.of("inner.zip", zip(Map.of("a.bin", markerAfter(OVER))))));
            archives.put("too many files.zip", zip(files(10)));
            archives.put("lying sizes.zip", declaredSize(zip(Map.of("a.bin", markerAfter(OVER))), 1000));
            // clamd finds a zip after other data (a self-extracting archive) only by its local header's sizes.
            byte[] member = zip(Map.of("a.bin", markerAfter(OVER)));
            archives.put("zip after other data.bin", concat("some text before the archive\n".repeat(40).getBytes(StandardCharsets.US_ASCII),
                    declaredSize(member, OVER + MARKER.length)));
            archives.put("gzip over MaxFileSize.gz", gzip(markerAfter(OVER)));
            archives.put("encrypted.zip", encrypted(zip(Map.of("a.txt", "hello".getBytes(StandardCharsets.US_ASCII)))));
            for (Map.Entry<String, byte[]> archive : archives.entrySet()) {
                ScanResult result = scan(handler, archive.getKey(), archive.getValue());
                assertNotEquals(Map.of(), result.result(), archive.getKey() + " came back clean; clamd's log:\n" + clamd.output());
                String signature = result.result().get(archive.getKey()).get(1);
                assertTrue(signature.startsWith("Heuristics.") || signature.startsWith(TestClamd.MARKER_SIGNATURE),
                        archive.getKey() + ": " + signature);
            }
            // Within the limits, the same shapes scan as before: clean is clean, a marker is found.
            assertEquals(Map.of(), scan(handler, "small.zip", zip(files(4))).result());
            assertEquals(List.of("FOUND", TestClamd.MARKER_SIGNATURE + ".UNOFFICIAL"),
                    scan(handler, "within.zip", zip(Map.of("a.bin", markerAfter(150_000)))).result().get("within.zip"));
        }
    }

    @Test
    void refusesToStartOnAClamdConfThatLetsLimitsPassSilently() throws Exception {
        Path debian = Files.writeString(dir.resolve("debian.conf"), "LocalSocket /x.sock\nMaxFileSize 25M\nMaxScanSize 100M\n");
        ConfigException error = assertThrows(ConfigException.class, () -> handler(debian, Path.of("/x.sock"), ""));
        assertTrue(error.getMessage().startsWith(debian + ": AlertExceedsMax is not yes"), error.getMessage());
        assertTrue(error.getMessage().contains("add 'AlertExceedsMax yes'")
                && error.getMessage().contains("set MaxFileSize to the value of MaxScanSize")
                && error.getMessage().contains("CLAMD_ALLOW_SILENT_LIMITS"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), "one line");
    }

    /** What CLAMD_ALLOW_SILENT_LIMITS accepts is real: ClamAV 1.4 skips such a member and answers OK. */
    @Test
    void acceptsSilentLimitsOnlyOnPurposeAndThenAnUnscannedMemberComesBackClean() throws Exception {
        Map<String, String> silent = new LinkedHashMap<>(LIMITS);
        silent.put("MaxFileSize", "100K");
        try (TestClamd clamd = TestClamd.start(dir.resolve("clamd"), silent)) {
            assertThrows(ConfigException.class, () -> handler(clamd, ""));
            RpcHandler accepted = handler(clamd, ", \"CLAMD_ALLOW_SILENT_LIMITS\": true");
            assertEquals(Map.of(), scan(accepted, "member.zip", zip(Map.of("a.bin", markerAfter(150_000)))).result());
        }
    }

    private RpcHandler handler(TestClamd clamd, String extraSettings) throws IOException {
        return handler(clamd.conf(), clamd.socket(), extraSettings);
    }

    private RpcHandler handler(Path conf, Path socket, String extraSettings) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("antivirus.json"), "{\"CONF_PATH\": \"" + conf + "\", \"LOCALSOCKET\": \""
                + socket + "\", \"FRESHCLAM_PATH\": \"\"" + extraSettings + "}");
        return AntivirusHandler.create(new DaemonEnvironment(new ConfigLocator(config, Map.of(), config), Map.of(), null, 1));
    }

    private static ScanResult scan(RpcHandler handler, String name, byte[] content) throws Exception {
        return (ScanResult) handler.handle(new ScanFile(name, Base64.getEncoder().encodeToString(content)), CONTEXT);
    }

    private static byte[] markerAfter(int zeros) {
        return concat(new byte[zeros], MARKER);
    }

    private static Map<String, byte[]> files(int count) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            files.put("f" + i + ".txt", ("file " + i).getBytes(StandardCharsets.US_ASCII));
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> member : new TreeMap<>(members).entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] nested(int depth, byte[] innermost) throws IOException {
        byte[] archive = innermost;
        for (int i = 0; i < depth; i++) {
            archive = zip(Map.of("level" + i + ".zip", archive));
        }
        return archive;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        }
        return bytes.toByteArray();
    }

    /** A one-member zip whose local and central headers declare {@code size} uncompressed bytes. */
    private static byte[] declaredSize(byte[] zip, int size) {
        byte[] copy = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int local = indexOf(copy, new byte[] {'P', 'K', 3, 4});
        int central = indexOf(copy, new byte[] {'P', 'K', 1, 2});
        // ZipOutputStream writes a data descriptor for deflated members; clear its flag so the header sizes count.
        buffer.putShort(local + 6, (short) (buffer.getShort(local + 6) & ~8));
        buffer.putInt(local + 22, size);
        buffer.putInt(local + 18, buffer.getInt(central + 20));
        buffer.putInt(local + 14, buffer.getInt(central + 16));
        buffer.putInt(central + 24, size);
        return copy;
    }

    /** The members of a stored or deflated zip flagged as encrypted (bit 0), as an encrypting tool writes them. */
    private static byte[] encrypted(byte[] zip) {
        byte[] copy = zip.clone();
        copy[indexOf(copy, new byte[] {'P', 'K', 3, 4}) + 6] |= 1;
        copy[indexOf(copy, new byte[] {'P', 'K', 1, 2}) + 8] |= 1;
        return copy;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("no " + Arrays.toString(pattern));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
