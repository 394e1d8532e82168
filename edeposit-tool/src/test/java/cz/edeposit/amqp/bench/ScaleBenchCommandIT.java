package cz.edeposit.amqp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scaling benchmark's smoke run on the shared broker (a vhost of its own): the daemon processes
 * start and consume, every call is counted, the JSON parses and nothing is left behind. No figure is
 * asserted; the cluster run (scripts/bench-cluster) is not part of the tests.
 */
class ScaleBenchCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exitCode, String out, String err) {
    }

    private static Run bench(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ScaleBenchCommand.commandLine(new ScaleBenchCommand(env));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void smokeRunStartsEveryProcessCountsEveryCallAndCleansUp() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Run run = bench(vhost.env(), "--short", "--json", "--processes", "1,2", "--queue-type", "quorum",
                    "--vhost", vhost.name(), "--config-dir", vhost.emptyConfigDir().toString());
            assertEquals(0, run.exitCode(), run.err());
            JsonNode report = JSON.readTree(run.out()); // the whole standard output is the JSON
            JsonNode configs = report.get("configurations");
            assertEquals(2, configs.size(), run.out());
            for (int i = 0; i < 2; i++) {
                JsonNode config = configs.get(i);
                assertEquals(i + 1, config.get("processes").asInt(), config.toString());
                assertEquals("quorum", config.get("queue_type").asText());
                assertEquals(200, config.get("calls").asInt(), config.toString());
                assertEquals(200, config.get("answered").asInt(), config.toString());
                assertEquals(0, config.get("failures").asInt(), config.toString());
                assertTrue(config.get("per_s").asDouble() > 0, config.toString());
                assertTrue(config.get("worker_cpu_us_per_request").asDouble() > 0, config.toString());
            }
            assertEquals(1.0, configs.get(0).get("ratio_to_baseline").asDouble());
            assertTrue(report.get("machine").get("loadavg_before").asText().matches("[0-9.]+ [0-9.]+ [0-9.]+"));
            // The run's exchanges and queues, and the clients' reply queues, are gone.
            assertEquals("[]", vhost.management().get("/api/queues/" + vhost.name()).trim());
        }
    }
}
