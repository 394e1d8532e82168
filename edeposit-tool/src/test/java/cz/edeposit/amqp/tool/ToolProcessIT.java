package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tool as an operator runs it: its own JVM, real standard streams, signals and exit statuses. */
class ToolProcessIT {

    @TempDir
    Path dir;

    @Test
    void createPrintsOnlyTheBlockOnStandardOutputAndLogsOnStandardError() throws Exception {
        try (TestVhost vhost = TestVhost.empty("ftp")) {
            Files.writeString(dir.resolve("amqp.json"), "{\"RABBITMQ_NO_SUCH_KEY\": \"x\"}");
            DaemonProcess.Result result = tool(vhost).run("--host", "ftp", "--create");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals(Tool.block("ftp", "daemon", "plone"), result.out());
            assertTrue(result.err().contains("RABBITMQ_NO_SUCH_KEY"), "the settings warning goes to stderr: " + result.err());
        }
    }

    @Test
    void inTheJsonFormatTheSettingsWarningIsOneJsonLineOnStandardError() throws Exception {
        try (TestVhost vhost = TestVhost.empty("ftp")) {
            Files.writeString(dir.resolve("amqp.json"), "{\"RABBITMQ_NO_SUCH_KEY\": \"x\"}");
            Map<String, String> env = env(vhost);
            env.put("EDEPOSIT_LOG_FORMAT", "json");
            DaemonProcess.Result result = new DaemonProcess(AmqpTool.class, env, List.of()).run("--host", "ftp", "--create");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals(Tool.block("ftp", "daemon", "plone"), result.out(), "results stay as they are");
            List<String> lines = result.err().lines().toList();
            assertEquals(1, lines.size(), result.err());
            JsonNode line = new ObjectMapper().readTree(lines.get(0));
            assertEquals("WARN", line.get("level").asText(), line.toString());
            assertTrue(line.get("formattedMessage").asText().contains("RABBITMQ_NO_SUCH_KEY"), line.toString());
        }
    }

    @Test
    void theTimeoutExitStatusSurvivesTheProcessExit() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("ftp")) {
            DaemonProcess.Result result = tool(vhost).run("--host", "ftp", "--get", "--timeout", "1");
            assertEquals(new DaemonProcess.Result(1, "", "Timeouted!\n"), result);
        }
    }

    @Test
    void ctrlCDuringGetPrintsAnEmptyLineAndExitsZeroAsTheOriginal() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("ftp")) {
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process process = builder(vhost, "--host", "ftp", "--get")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                awaitConsumer(vhost, process);
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the tool ended after SIGINT");
                assertEquals(0, process.exitValue(), Files.readString(err));
                assertEquals("\n", Files.readString(out));
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitConsumer(TestVhost vhost, Process process) throws Exception {
        try (Connection connection = vhost.connect(); Channel channel = connection.createChannel()) {
            Await.until("the tool consumes plone", Duration.ofSeconds(60), () -> {
                assertTrue(process.isAlive(), "the tool ended before it consumed plone");
                return channel.queueDeclarePassive("plone").getConsumerCount() > 0;
            });
        }
    }

    private DaemonProcess tool(TestVhost vhost) {
        return new DaemonProcess(AmqpTool.class, env(vhost), List.of());
    }

    private ProcessBuilder builder(TestVhost vhost, String... args) {
        // A test run started in the background (nohup, `cmd &` in a script) ignores SIGINT, and a JVM
        // keeps an inherited SIG_IGN: reset it, or the Ctrl-C test would wait for nothing.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AmqpTool.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env(vhost));
        return builder;
    }

    private Map<String, String> env(TestVhost vhost) {
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("EDEPOSIT_CONFIG_DIR", dir.toString());
        return env;
    }
}
