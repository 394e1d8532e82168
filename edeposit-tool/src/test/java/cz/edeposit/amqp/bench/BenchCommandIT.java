package cz.edeposit.amqp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.daemon.WorkKind;
import cz.edeposit.amqp.rpc.RpcDaemon;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark in its short mode: it runs end to end and reports every figure (no timing assertions). */
class BenchCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run bench(TestVhost vhost, String... args) {
        return bench(vhost.env(), args);
    }

    private static Run bench(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = BenchCommand.commandLine(new BenchCommand(env));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void measuresTheDaemonAgainstTheRawWorkerAndCleansUp() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Run run = bench(vhost, "--short", "--json", "--vhost", vhost.name(),
                    "--config-dir", vhost.emptyConfigDir().toString());
            assertEquals(0, run.exitCode(), run.err());
            JsonNode report = JSON.readTree(run.out());
            assertEquals(2, report.get("targets").size());
            for (JsonNode target : report.get("targets")) {
                assertEquals(0, target.get("failures").asInt(), target.toString());
                for (String figure : new String[] {"sequential_per_s", "sequential_p50_us", "sequential_p99_us",
                        "pipelined_per_s", "pipelined_cpu_us_per_request", "rss_mb_under_load", "peak_rss_mb"}) {
                    assertTrue(target.get(figure).asDouble() > 0, figure + " of " + target);
                }
            }
            assertEquals("RpcDaemon", report.get("targets").get(0).get("label").asText());
            assertTrue(report.get("ratios").get("pipelined_per_s").asDouble() > 0);
            assertTrue(report.get("machine").get("loadavg_before").asText().matches("[0-9.]+ [0-9.]+ [0-9.]+"));
            // The run's exchanges and queues, and the client's reply queue, are gone.
            assertEquals("[]", vhost.management().get("/api/queues/" + vhost.name()).trim());
        }
    }

    @Test
    void withDefaultsMeasuresEachKindOfWorkAndTheTunedDaemonAgainstTheRawWorker() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Run run = bench(vhost, "--short", "--defaults", "--json", "--vhost", vhost.name(),
                    "--config-dir", vhost.emptyConfigDir().toString());
            assertEquals(0, run.exitCode(), run.err());
            JsonNode report = JSON.readTree(run.out());
            JsonNode targets = report.get("targets");
            assertEquals(4, targets.size(), targets.toString());
            assertEquals("short p" + WorkKind.SHORT.defaultPrefetch(LocalRun.DEFAULTS_REQUEST_LIMIT),
                    targets.get(0).get("label").asText());
            assertEquals("long p" + WorkKind.LONG_PREFETCH, targets.get(1).get("label").asText());
            assertEquals("tuned p64", targets.get(2).get("label").asText());
            assertEquals("raw worker", targets.get(3).get("label").asText());
            for (JsonNode target : targets) {
                assertEquals(0, target.get("failures").asInt(), target.toString());
                assertTrue(target.get("pipelined_cpu_us_per_request").asDouble() > 0, target.toString());
            }
            assertEquals("raw worker", report.get("baseline").asText());
            JsonNode ratios = report.get("ratios_to_baseline");
            assertEquals(3, ratios.size());
            for (String label : new String[] {targets.get(0).get("label").asText(), "long p2", "tuned p64"}) {
                assertTrue(ratios.get(label).get("pipelined_per_s").asDouble() > 0, label + " in " + ratios);
                assertTrue(ratios.get(label).get("sequential_cpu_us_per_request").asDouble() > 0, label + " in " + ratios);
            }
            assertEquals("[]", vhost.management().get("/api/queues/" + vhost.name()).trim());
        }
    }

    @Test
    void refusesDefaultsWithMetrics() {
        Run run = bench(Map.of(), "--defaults", "--metrics");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--metrics and --defaults are separate runs"), run.err());
    }

    @Test
    void measuresARunningDaemonGivenByHostAndRequestFile() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("downloader"); Connection connection = vhost.connect()) {
            RpcDaemon daemon = RpcDaemon.start(connection, new RpcOptions(vhost.host(), new NtCodec(EchoDaemon.REQUESTS),
                    EchoDaemon.HANDLER, 1, 16, Duration.ofSeconds(5)));
            Path request = Files.createTempFile("bench-request", ".json");
            try {
                Files.writeString(request, "{\"value\": \"ping\", \"__nt_name\": \"Echo\"}");
                Run run = bench(vhost, "--short", "--host", "downloader", "--request-file", request.toString(),
                        "--pid", Long.toString(ProcessHandle.current().pid()),
                        "--config-dir", vhost.emptyConfigDir().toString());
                assertEquals(0, run.exitCode(), run.err() + run.out());
                assertTrue(run.out().contains("pipelined: requests/s"), run.out());
                assertTrue(run.out().contains("downloader"), run.out());
            } finally {
                daemon.close();
                Files.deleteIfExists(request);
            }
        }
    }

    @Test
    void withMetricsMeasuresTheDaemonWithMetricsAgainstItselfWithout() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Run run = bench(vhost, "--short", "--metrics", "--json", "--vhost", vhost.name(),
                    "--config-dir", vhost.emptyConfigDir().toString());
            assertEquals(0, run.exitCode(), run.err());
            JsonNode report = JSON.readTree(run.out());
            assertEquals("with metrics", report.get("targets").get(0).get("label").asText());
            assertEquals("RpcDaemon", report.get("targets").get(1).get("label").asText());
            for (JsonNode target : report.get("targets")) {
                assertEquals(0, target.get("failures").asInt(), target.toString());
            }
            assertTrue(report.get("ratios").get("pipelined_cpu_us_per_request").asDouble() > 0);
            assertEquals("[]", vhost.management().get("/api/queues/" + vhost.name()).trim());
        }
    }

    @Test
    void refusesMetricsWithAHost() {
        Run run = bench(Map.of(), "--metrics", "--host", "downloader", "--request-file", "pom.xml");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--metrics measures the local daemon, not --host"), run.err());
    }

    @Test
    void refusesAHostWithoutARequestFile() {
        Run run = bench(Map.of(), "--host", "downloader");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--host needs --request-file"), run.err());
    }
}
