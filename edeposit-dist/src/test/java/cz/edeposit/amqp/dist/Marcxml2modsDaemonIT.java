package cz.edeposit.amqp.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.ReplyCollector.Reply;
import cz.edeposit.amqp.testing.Requests;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    private static Path work;
    private static TestVhost vhost;
    private static Connection connection;
    private static Channel client;
    private static ReplyCollector replies;
    private static long pid;
    private static int sent;

    @BeforeAll
    static void startDaemon() throws Exception {
        work = Files.createTempDirectory("marcxml2modsd-it");
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("marcxml2mods.json"), "{\"MX2MODS_MAX_RECORDS\": 2}");
        Files.createSymbolicLink(work.resolve("edeposit-marcxml2modsd"), Dist.bin("edeposit-marcxml2modsd"));
        vhost = TestVhost.withSchema("marcxml2mods");
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");

        Dist.Result started = daemon("start");
        Matcher matcher = Pattern.compile("started with pid (\\d+)").matcher(started.err());
        assertTrue(started.exitCode() == 0 && matcher.find(), started + "\nlog:\n" + log());
        pid = Long.parseLong(matcher.group(1));
        List<String> daemonJvm = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        assertTrue(daemonJvm.contains("-Xmx256m"), daemonJvm.toString());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        try {
            Dist.Result stopped = daemon("stop");
            assertEquals(0, stopped.exitCode(), stopped.toString());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stop waits for the exit");
            assertTrue(log().contains("edeposit-marcxml2modsd stopped"), log());
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

    private static Dist.Result daemon(String action) throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        return Dist.run(elsewhere, env, List.of("../edeposit-marcxml2modsd", action,
                "--config-dir", "../config", "--pid-dir", work.resolve("run").toString(),
                "--log-file", work.resolve("marcxml2modsd.log").toString()));
    }

    private static String log() {
        try {
            return Files.readString(work.resolve("marcxml2modsd.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    private static Reply ask(String marcXml, String uuid, String url) throws Exception {
        String id = "it-" + ++sent;
        ObjectMapper mapper = JSON;
        String body = mapper.writeValueAsString(Map.of("__nt_name", "ConversionRequest", "marc_xml", marcXml,
                "uuid", uuid, "url", url));
        Requests.publish(client, EXCHANGE, "request", id, body);
        Reply reply = replies.take(WAIT);
        assertEquals(id, reply.header("UUID"), () -> reply.text() + "\nlog:\n" + log());
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
        assertEquals(Set.of("edeposit-core", "edeposit-daemon-marcxml2mods", "edeposit-marc", "edeposit-mods"), edeposit);
    }
}
