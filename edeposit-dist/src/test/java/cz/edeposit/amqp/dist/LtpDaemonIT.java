package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-ltpd} end to end: started by its launcher from the unpacked distribution, it writes
 * a package into EXPORT_DIR and reports LTP's answer, through the real broker in a vhost of its own.
 */
class LtpDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "7d3f0c5e9b8a4c21a0b1c2d3e4f50617";

    private static LaunchedDaemon daemon;
    private static Path work;
    private static Path export;
    private static int sent;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LaunchedDaemon.prepare("edeposit-ltpd");
        work = daemon.work();
        export = Files.createDirectories(work.resolve("edep2ltp"));
        Path temp = Files.createDirectories(work.resolve("tmp"));
        Files.writeString(daemon.config().resolve("ltp.json"), "{\"TEMP_DIR\": \"" + temp + "\", \"EXPORT_DIR\": \"" + export
                + "\", \"LTP_MAX_FILE_BYTES\": 1048576}");
        daemon.in(TestVhost.withSchema("ltp")).start();
        assertTrue(daemon.daemonJvm().contains("-Xmx1g"), daemon.daemonJvm().toString());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    private static Reply ask(Map<String, Object> request) throws Exception {
        String id = "it-" + ++sent;
        Requests.publish(daemon.client(), "ltp", "request", id, JSON.writeValueAsString(request));
        Reply reply = daemon.replies().take(WAIT);
        assertEquals(id, reply.header("UUID"), () -> reply.text() + "\nlog:\n" + daemon.log());
        return reply;
    }

    private static Map<String, Object> export(String uuid, byte[] data) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("__nt_name", "ExportRequest");
        request.put("aleph_record", "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"><record>"
                + "<leader>00000nam a2200000 a 4500</leader><controlfield tag=\"001\">it1</controlfield>"
                + "<datafield tag=\"020\" ind1=\" \" ind2=\" \"><subfield code=\"a\">978-80-7000-000-0</subfield></datafield>"
                + "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Kniha k archivaci</subfield></datafield>"
                + "<datafield tag=\"910\" ind1=\" \" ind2=\" \"><subfield code=\"a\">ABA001</subfield></datafield>"
                + "</record></collection>");
        request.put("book_uuid", uuid);
        request.put("urn_nbn", "urn:nbn:cz:nkp-00it01");
        request.put("url", "https://edeposit.example/" + uuid);
        request.put("filename", "kniha.epub");
        request.put("b64_data", Base64.getMimeEncoder().encodeToString(data));
        return request;
    }

    @Test
    void exportsAPackageThatTrackingFollowsUntilLtpTakesIt() throws Exception {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        Reply exported = ask(export(UUID, data));
        assertEquals("result", exported.header("x-edeposit-reply"), exported::text);
        assertEquals("true", exported.text().strip());
        Path pkg = export.resolve("complete_" + UUID);
        assertArrayEquals(data, Files.readAllBytes(pkg.resolve("original/oc_" + UUID + ".epub")));
        assertTrue(Files.readString(pkg.resolve("metadata/mods_volume.xml")).contains("urn:nbn:cz:nkp-00it01"));
        assertTrue(Files.readString(pkg.resolve("info_" + UUID + ".xml")).contains("<itemlist itemtotal=\"2\">"));

        JsonNode waiting = JSON.readTree(ask(Map.of("__nt_name", "TrackingRequest", "book_uuid", UUID)).body());
        assertEquals("TrackingResponse", waiting.get("__nt_name").asText());
        assertEquals(UUID, waiting.get("book_id").asText());
        assertFalse(waiting.get("exported").asBoolean());
        assertEquals("complete_", waiting.get("error").asText());

        Files.move(pkg, export.resolve("ok_" + UUID));
        JsonNode taken = JSON.readTree(ask(Map.of("__nt_name", "TrackingRequest", "book_uuid", UUID)).body());
        assertTrue(taken.get("exported").asBoolean(), taken.toString());
        assertTrue(taken.get("error").isNull(), taken.toString());
    }

    @Test
    void answersBadInputWithAValueErrorWritesNothingAndKeepsServing() throws Exception {
        Map<String, Object> traversal = export("../../../tmp/x", new byte[] {1});
        Map<String, Object> tooLarge = export(UUID.replace('7', '8'), new byte[(1 << 20) + 1]);
        Map<String, Object> notBase64 = export(UUID.replace('7', '9'), new byte[] {1});
        notBase64.put("b64_data", "%%%");
        for (Map<String, Object> bad : List.of(traversal, tooLarge, notBase64,
                Map.<String, Object>of("__nt_name", "TrackingRequest", "book_uuid", ""))) {
            Reply reply = ask(bad);
            assertEquals("exception", reply.header("x-edeposit-reply"), reply::text);
            assertEquals("ValueError", reply.header("exception_name"), reply.header("exception"));
        }
        try (Stream<Path> entries = Files.list(export)) {
            assertEquals(Set.of(), entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.contains(UUID)).collect(Collectors.toSet()));
        }
        try (Stream<Path> entries = Files.list(work.resolve("tmp"))) {
            assertEquals(0, entries.count(), "nothing stays in TEMP_DIR");
        }
        Reply unknown = ask(Map.of("__nt_name", "TrackingRequest", "book_uuid", "ffffffffffffffffffffffffffffffff"));
        assertEquals("ValueError", unknown.header("exception_name"));
    }

    @Test
    void seesOnlyCoreTheMarcModelAndTheModsMappingAndItsUnitMayWriteOnlyTheExportDirectoryOfTheHomes() throws Exception {
        String suffix = "-" + System.getProperty("edeposit.version") + ".jar";
        Set<String> edeposit = Dist.classPath("edeposit-ltpd").stream()
                .filter(jar -> jar.startsWith("edeposit-") && jar.endsWith(suffix))
                .map(jar -> jar.substring(0, jar.length() - suffix.length())).collect(Collectors.toSet());
        assertEquals(Set.of("edeposit-core", "edeposit-picocli", "edeposit-daemon-ltp", "edeposit-marc", "edeposit-mods"), edeposit);
        List<String> unit = Files.readAllLines(Dist.home().resolve("systemd/edeposit-ltpd.service"));
        assertTrue(unit.contains("ProtectHome=read-only") && unit.contains("ReadWritePaths=/home/ltp/edep2ltp")
                && !unit.contains("ProtectHome=yes"), unit.toString());
    }

    @Test
    void aMissingExportDirectoryStopsTheStartWithExit78AndOneLineNamingTheKey() throws Exception {
        Path config = Files.createDirectories(work.resolve("config-missing"));
        Path missing = work.resolve("no-such-dir");
        Files.writeString(config.resolve("ltp.json"), "{\"EXPORT_DIR\": \"" + missing + "\"}");
        Dist.Result refused = Dist.run(work, daemon.env(), List.of(Dist.bin("edeposit-ltpd").toString(), "start", "--foreground",
                "--config-dir", config.toString(), "--pid-dir", work.resolve("run-refused").toString()));
        assertEquals(78, refused.exitCode(), refused.toString());
        List<String> lines = refused.err().lines().filter(line -> line.contains("EXPORT_DIR")).toList();
        assertEquals(1, lines.size(), refused.toString());
        assertTrue(lines.get(0).contains("EXPORT_DIR names " + missing + ", which is not a directory"), refused.toString());
        assertFalse(refused.err().contains("\tat "), "no stack trace");
    }
}
