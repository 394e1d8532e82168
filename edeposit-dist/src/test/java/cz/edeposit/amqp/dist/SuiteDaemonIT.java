package cz.edeposit.amqp.dist;

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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edeposit-suited} end to end: three real daemons that need no other service (marcxml2mods,
 * pdfgen, aleph_link_export against a temporary directory) in one JVM started by the launcher, each
 * in a vhost of its own on the real broker, each answering through it; {@code status} lists each; the
 * suite's one metrics port serves each daemon's counters; {@code stop} ends them all.
 */
class SuiteDaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAEMONS = "marcxml2mods,pdfgen,aleph-link-export";

    private static Path work;
    private static final List<TestVhost> vhosts = new ArrayList<>();
    private static final List<Connection> connections = new ArrayList<>();
    private static long pid;
    private static int metricsPort;
    private static int sent;

    @BeforeAll
    static void startSuite() throws Exception {
        work = Files.createTempDirectory("suited-it");
        Path config = Files.createDirectories(work.resolve("config"));
        Files.createDirectories(work.resolve("edep2aleph"));
        Files.createDirectories(work.resolve("aleph2edep"));
        Files.writeString(config.resolve("aleph_export.json"), "{\"REQUEST_FN\": \"" + work.resolve("edep2aleph/requests.xml")
                + "\", \"RESPONSE_FN\": \"" + work.resolve("aleph2edep/responses.xml") + "\", \"DATABASE_FN\": \""
                + work.resolve("request_database.json") + "\", \"LOG_FN\": \"" + work.resolve("link_export.log") + "\"}");
        for (String host : List.of("marcxml2mods", "pdfgen", "aleph_link_export")) {
            TestVhost vhost = TestVhost.withSchema(host);
            vhosts.add(vhost);
            connections.add(vhost.connect());
        }
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            metricsPort = free.getLocalPort();
        }
        Dist.Result started = suite("start", "--daemons", DAEMONS, "--metrics-port", Integer.toString(metricsPort));
        Matcher matcher = Pattern.compile("started with pid (\\d+)").matcher(started.err());
        assertTrue(started.exitCode() == 0 && matcher.find(), started + "\nlog:\n" + log());
        pid = Long.parseLong(matcher.group(1));
        // jvm-options.list: one handler's OutOfMemoryError must not end the other daemons' JVM.
        List<String> jvm = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        assertTrue(jvm.contains("-Xmx1g") && jvm.lastIndexOf("-XX:-ExitOnOutOfMemoryError")
                > jvm.indexOf("-XX:+ExitOnOutOfMemoryError"), jvm.toString());
    }

    @AfterAll
    static void stopSuite() throws Exception {
        try {
            Dist.Result stopped = suite("stop");
            assertEquals(0, stopped.exitCode(), stopped.toString());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stop waits for the exit");
            assertTrue(log().contains("edeposit-suited stopped"), log());
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
            vhosts.forEach(TestVhost::close);
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Dist.Result suite(String... args) throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        vhosts.forEach(vhost -> env.putAll(vhost.env()));
        List<String> command = new ArrayList<>(List.of(Dist.bin("edeposit-suited").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config-dir", "config", "--pid-dir", work.resolve("run").toString(),
                "--log-file", work.resolve("suite.log").toString()));
        return Dist.run(work, env, command);
    }

    private static String log() {
        try {
            return Files.readString(work.resolve("suite.log"));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /** Sends {@code body} to the daemon of vhost {@code index}; its reply (after any progress messages). */
    private static Reply ask(int index, String body) throws Exception {
        TestVhost vhost = vhosts.get(index);
        String id = "suite-it-" + ++sent;
        try (Channel channel = connections.get(index).createChannel();
             ReplyCollector replies = new ReplyCollector(connections.get(index), vhost.host().outputQueue())) {
            Requests.publish(channel, vhost.host().exchange(), vhost.host().inputKey(), id, body);
            while (true) {
                Reply reply = replies.take(WAIT);
                assertTrue(reply != null, () -> "no reply to " + body + "\nlog:\n" + log());
                assertEquals(id, reply.header("UUID"), reply::text);
                if (!"progress".equals(reply.header("x-edeposit-reply"))) {
                    return reply;
                }
            }
        }
    }

    @Test
    void servesEachDaemonThroughTheBroker() throws Exception {
        Reply mods = ask(0, JSON.writeValueAsString(Map.of("__nt_name", "ConversionRequest", "uuid", "u", "url", "",
                "marc_xml", "<record><leader>00000nam a2200000   4500</leader><controlfield tag=\"001\">s1</controlfield>"
                        + "<datafield tag=\"245\" ind1=\"1\" ind2=\"0\"><subfield code=\"a\">Sada /</subfield></datafield></record>")));
        assertEquals("result", mods.header("x-edeposit-reply"), mods::text);
        assertTrue(mods.text().contains("<mods:title>Sada</mods:title>"), mods.text());

        Reply pdf = ask(1, "{\"__nt_name\": \"RST2PDF\", \"rst_content\": \"Sada\\n====\\n\\nJeden proces.\", \"style\": \"\","
                + " \"header\": null, \"footer\": null}");
        assertEquals("result", pdf.header("x-edeposit-reply"), pdf::text);
        String content = JSON.readTree(pdf.body()).get("b64_content").asText();
        assertTrue(new String(Base64.getDecoder().decode(content), java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF-"));

        Reply status = ask(2, "{\"__nt_name\": \"StatusRequest\"}");
        assertEquals("result", status.header("x-edeposit-reply"), status::text);

        String lines = suite("status").out();
        for (String daemon : DAEMONS.split(",")) {
            assertTrue(lines.contains("  " + daemon + ": serving"), lines);
        }
        assertTrue(lines.startsWith("edeposit-suited is running (pid " + pid + ")"), lines);
        assertTrue(log().contains("INFO  [marcxml2mods] ") && log().contains("INFO  [pdfgen] "), log());

        // One metrics port for the suite, each daemon's series labelled with its name.
        assertEquals("200 ok\n", scrape("/healthz"));
        String metrics = scrape("/metrics");
        for (String series : List.of("daemon=\"marcxml2mods\",type=\"ConversionRequest\"} 1.0",
                "daemon=\"pdfgen\",type=\"RST2PDF\"} 1.0", "daemon=\"aleph-link-export\",type=\"StatusRequest\"} 1.0")) {
            assertTrue(metrics.contains("\nedeposit_requests_received_total{" + series + "\n"), series + " in:\n" + metrics);
        }
    }

    private static String scrape(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + path)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void aWrongDaemonNameIsOneLineAndUsageStatus() throws Exception {
        Dist.Result wrong = suite("start", "--foreground", "--daemons", "marcxml2mods,calibree");
        assertEquals(2, wrong.exitCode(), wrong.toString());
        assertEquals("edeposit-suited: --daemons: 'calibree' is not a daemon of edeposit-suited; give a comma-separated"
                + " list of aleph, marcxml2mods, pdfgen, aleph-link-export, downloader, storage, ftp-manager, ftp-monitor,"
                + " antivirus, calibre, ltp, or all\n", wrong.err());
    }
}
