package cz.edeposit.amqp.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogConfiguratorTest {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)";

    /** Logs through a context set up by LogConfigurator and returns what reached the stream. */
    private static String logged(String command, String level, boolean stderr, Consumer<LoggerContext> logging) {
        return logged(command, level, null, stderr, logging);
    }

    private static String logged(String command, String level, String format, boolean stderr,
                                 Consumer<LoggerContext> logging) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as logback's service provider does
        PrintStream original = stderr ? System.err : System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
        if (stderr) {
            System.setErr(stream);
        } else {
            System.setOut(stream);
        }
        try {
            LogConfigurator.apply(context, command, level, format);
            context.start(); // as logback does once a configurator is done
            logging.accept(context);
        } finally {
            context.stop();
            if (stderr) {
                System.setErr(original);
            } else {
                System.setOut(original);
            }
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void daemonsLogInfoAndUpToStandardOutputWithTimestampLevelThreadAndClass() {
        String out = logged(null, null, false, context -> {
            Logger log = context.getLogger("cz.edeposit.amqp.rpc.RpcDaemon");
            log.debug("not shown");
            log.info("Consuming queue '{}'", "daemon");
            context.getLogger("com.rabbitmq.client.impl.AMQConnection").info("not shown either");
            context.getLogger("com.rabbitmq.client.impl.AMQConnection").warn("connection reset");
        });
        String[] lines = out.split(System.lineSeparator());
        assertEquals(2, lines.length, out);
        String thread = Thread.currentThread().getName();
        assertTrue(lines[0].matches(TIMESTAMP + " INFO  \\[" + thread + "\\] RpcDaemon: Consuming queue 'daemon'"), out);
        assertTrue(lines[1].matches(TIMESTAMP + " WARN  \\[" + thread + "\\] AMQConnection: connection reset"), out);
    }

    @Test
    void stackTracesFollowTheLine() {
        String out = logged(null, null, false, context ->
                context.getLogger("x.Y").error("failed", new IllegalStateException("boom")));
        assertTrue(out.contains("ERROR [") && out.contains("Y: failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom"), out);
        assertTrue(out.contains("\tat cz.edeposit.amqp.daemon.LogConfiguratorTest"), out);
    }

    @Test
    void theLevelVariableSetsTheRootLevelAndAnUnknownNameMeansDebugAsLogbackReadsIt() {
        assertTrue(logged(null, "WARN", false, context -> context.getLogger("x.Y").info("hidden")).isEmpty());
        assertTrue(logged(null, "debug", false, context -> context.getLogger("x.Y").debug("shown")).contains("shown"));
        assertTrue(logged(null, "loud", false, context -> context.getLogger("x.Y").debug("shown")).contains("shown"));
        assertTrue(logged(null, " ", false, context -> context.getLogger("x.Y").info("shown")).contains("shown"));
    }

    @Test
    void aCommandLogsWarningsToStandardErrorUnderItsName() {
        String err = logged("edeposit-amqp-tool", null, true, context -> {
            context.getLogger("cz.edeposit.amqp.tool.SchemaCreator").info("hidden");
            context.getLogger("cz.edeposit.amqp.tool.SchemaCreator").warn("vhost {} is missing", "x");
            context.getLogger("com.rabbitmq.client.impl.AMQConnection").warn("hidden too");
            context.getLogger("com.rabbitmq.client.impl.AMQConnection").error("shown");
        });
        assertEquals("edeposit-amqp-tool: WARN: vhost x is missing" + System.lineSeparator()
                + "edeposit-amqp-tool: ERROR: shown" + System.lineSeparator(), err);
        assertTrue(logged("edeposit-amqp-tool", "INFO", true,
                context -> context.getLogger("x.Y").info("shown")).contains("INFO: shown"));
    }

    private static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void theJsonFormatWritesOneObjectALineWithTimestampLevelThreadLoggerMdcAndMessage() throws Exception {
        String out = logged(null, null, "json", false, context -> {
            context.getMDCAdapter().put("uuid", "u-1");
            context.getLogger("cz.edeposit.amqp.rpc.RequestScope").warn("Sending \"{}\"\nnext", "ValueError");
            context.getMDCAdapter().remove("uuid");
            context.getLogger("x.Y").debug("not shown");
            context.getLogger("x.Y").error("failed", new IllegalStateException("boom"));
        });
        List<JsonNode> lines = jsonLines(out);
        assertEquals(2, lines.size(), out);
        JsonNode warn = lines.get(0);
        assertTrue(Math.abs(warn.get("timestamp").asLong() - System.currentTimeMillis()) < 60_000, out);
        assertEquals("WARN", warn.get("level").asText());
        assertEquals(Thread.currentThread().getName(), warn.get("threadName").asText());
        assertEquals("cz.edeposit.amqp.rpc.RequestScope", warn.get("loggerName").asText());
        assertEquals("u-1", warn.get("mdc").get("uuid").asText());
        assertEquals("Sending \"ValueError\"\nnext", warn.get("formattedMessage").asText());
        JsonNode error = lines.get(1);
        assertEquals("java.lang.IllegalStateException", error.get("throwable").get("className").asText(), out);
        assertEquals("boom", error.get("throwable").get("message").asText());
        assertTrue(error.get("mdc").isEmpty(), "the MDC of the line before is gone");
    }

    @Test
    void theToolWritesJsonToStandardErrorAtItsOwnLevels() throws Exception {
        String err = logged("edeposit-amqp-tool", null, " JSON ", true, context -> {
            context.getLogger("x.Y").info("hidden");
            context.getLogger("x.Y").warn("vhost {} is missing", "x");
        });
        List<JsonNode> lines = jsonLines(err);
        assertEquals(1, lines.size(), err);
        assertEquals("vhost x is missing", lines.get(0).get("formattedMessage").asText());
    }

    @Test
    void anUnknownFormatIsAWarningInTheTextFormat() {
        String out = logged(null, null, "yaml", false, context -> context.getLogger("x.Y").info("shown"));
        String[] lines = out.split(System.lineSeparator());
        assertEquals(2, lines.length, out);
        assertTrue(lines[0].matches(TIMESTAMP + " WARN  \\[.*\\] LogConfigurator: EDEPOSIT_LOG_FORMAT='yaml' is neither"
                + " text nor json: logging as text"), out);
        assertTrue(lines[1].endsWith("Y: shown"), out);
        String text = logged(null, null, "Text", false, context -> context.getLogger("x.Y").info("shown"));
        assertTrue(text.matches(TIMESTAMP + " INFO  \\[.*\\] Y: shown" + System.lineSeparator()), text);
    }

    private static ExecutionStatus configure() {
        LogConfigurator configurator = new LogConfigurator();
        LoggerContext context = new LoggerContext();
        configurator.setContext(context);
        try {
            return configurator.configure(context);
        } finally {
            context.stop();
        }
    }

    @Test
    void stepsAsideForTheTestsLogbackTestXmlUnlessItSetsUpACommand() {
        // logback-test.xml is on this class path, as in every test run: logback's own configurator reads it.
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure());
        System.setProperty(LogConfigurator.COMMAND_PROPERTY, "edeposit-amqp-tool");
        try {
            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure());
            System.setProperty("logback.configurationFile", "custom.xml");
            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(), "an operator's file always wins");
        } finally {
            System.clearProperty(LogConfigurator.COMMAND_PROPERTY);
            System.clearProperty("logback.configurationFile");
        }
    }
}
