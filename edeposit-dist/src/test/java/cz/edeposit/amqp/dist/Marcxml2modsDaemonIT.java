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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-marcxml2modsd} end to end: started by its launcher from the unpacked distribution
 * (through a symlink, in an unrelated working directory), converting records to MODS and answering
 * through the real broker in a vhost of its own.
 */
class Marcxml2modsDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE = "export";

    private static LaunchedDaemon daemon;
    private static int sent;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = LaunchedDaemon.prepareThroughSymlink("edeposit-marcxml2modsd");
        Files.writeString(daemon.config().resolve("marcxml2mods.json"), "{\"MX2MODS_MAX_RECORDS\": 2}");
        daemon.in(TestVhost.withSchema("marcxml2mods")).start();
        assertTrue(daemon.daemonJvm().contains("-Xmx256m"), daemon.daemonJvm().toString());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        daemon.close();
    }

    private static Reply ask(String marcXml, String uuid, String url) throws Exception {
        String id = "it-" + ++sent;
        ObjectMapper mapper = JSON;
        String body = mapper.writeValueAsString(Map.of("__nt_name", "ConversionRequest", "marc_xml", marcXml,
                "uuid", uuid, "url", url));
        Requests.publish(daemon.client(), EXCHANGE, "request", id, body);
        Reply reply = daemon.replies().take(WAIT);
        assertEquals(id, reply.header("UUID"), () -> reply.text() + "\nlog:\n" + daemon.log());
        return reply;
    }

    private static String record(String id, String title) {
        return "<record><leader>00000nam a2200000   4500</leader><controlfield tag=\"001\">" + id + "</controlfield>"
                + "<controlfield tag=\"008\">230105s2023    xr a   e f    001 0 cze d</controlfield>"
                + "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">" + title + " /</subfield></datafield>"
                + "<datafield tag=\"856\" ind1=\"4\" ind2=\"2\"><subfield code=\"u\">http://example.org/about</subfield>"
                + "</datafield></record>";
    }

    private static String collection(String... records) {
        return "<collection xmlns=\"http://www.loc.gov/MARC21/slim\">" + String.join("", records) + "</collection>";
    }

    @Test
    void convertsEachRecordToAModsDocument() throws Exception {
        Reply reply = ask(collection(record("a1", "První kniha"), record("a2", "Druhá kniha")), "uuid-1",
                "http://example.org/raw");

        assertEquals("result", reply.header("x-edeposit-reply"), reply::text);
        JsonNode response = JSON.readTree(reply.body());
        assertEquals("ConversionResponse", response.get("__nt_name").asText());
        JsonNode files = response.get("mods_files");
        assertEquals(2, files.size());
        for (int i = 0; i < 2; i++) {
            String mods = files.get(i).asText();
            assertTrue(mods.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), mods);
            assertTrue(mods.contains("ID=\"MODS_VOLUME_000" + (i + 1) + "\""), mods);
            assertTrue(mods.contains("<mods:identifier type=\"uuid\">uuid-1</mods:identifier>"), mods);
            assertTrue(mods.contains("<mods:electronicLocator>http://example.org/raw</mods:electronicLocator>"), mods);
        }
        assertTrue(files.get(1).asText().contains("<mods:title>Druhá kniha</mods:title>"), files.get(1).asText());
    }

    @Test
    void answersBadInputWithAValueErrorAndKeepsServing() throws Exception {
        Map<String, String> bad = Map.of(
                "/etc/passwd", "marc_xml is not XML",
                "", "marc_xml is empty",
                "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", "DOCTYPE",
                "<collection/>", "no <record>",
                collection(record("1", "A"), record("2", "B"), record("3", "C")), "MX2MODS_MAX_RECORDS 2");
        for (Map.Entry<String, String> input : bad.entrySet()) {
            Reply reply = ask(input.getKey(), "u", "http://example.org/raw");
            assertEquals("exception", reply.header("x-edeposit-reply"), reply::text);
            assertEquals("ValueError", reply.header("exception_name"));
            assertTrue(reply.header("exception").contains(input.getValue()), reply.header("exception"));
            assertFalse(reply.text().contains("root:"), "nothing of the file leaks");
        }
        assertEquals("result", ask(collection(record("ok", "Stále")), "u", "").header("x-edeposit-reply"));
    }

    @Test
    void seesOnlyCoreTheMarcModelAndTheModsMapping() throws Exception {
        String suffix = "-" + System.getProperty("edeposit.version") + ".jar";
        Set<String> edeposit = Dist.classPath("edeposit-marcxml2modsd").stream()
                .filter(jar -> jar.startsWith("edeposit-") && jar.endsWith(suffix))
                .map(jar -> jar.substring(0, jar.length() - suffix.length())).collect(Collectors.toSet());
        assertEquals(Set.of("edeposit-core", "edeposit-picocli", "edeposit-daemon-marcxml2mods", "edeposit-marc", "edeposit-mods"), edeposit);
    }
}
