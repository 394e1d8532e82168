package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tool, in its own JVM, refused by the broker: its two lines and nothing of amqp-client's before them. */
class ToolStartupFailureIT {

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordPrintsOnlyCantConnectAndTheReason() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("ftp")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_CONFIG_DIR", dir.toString());
            env.put("EDEPOSIT_RABBITMQ_USER_PASSWORD", "not-" + vhost.broker().password());
            DaemonProcess.Result result = new DaemonProcess(AmqpTool.class, env, List.of())
                    .run("--host", "ftp", "--get", "--timeout", "5");
            assertEquals(new DaemonProcess.Result(1, "", "Can't connect to RabbitMQ!\nRabbitMQ at "
                    + vhost.broker().host() + ":" + vhost.broker().port() + " refused user '" + vhost.broker().user()
                    + "': check RABBITMQ_USER_NAME and RABBITMQ_USER_PASSWORD\n"), result);
        }
    }

    @Test
    void aMissingVhostPrintsOnlyTheOriginalsLinesAndTheFix() throws Exception {
        try (TestVhost vhost = TestVhost.empty("ftp")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_CONFIG_DIR", dir.toString());
            String missing = vhost.name() + "-missing";
            env.replaceAll((key, value) -> key.endsWith("_VIRTUALHOST") ? missing : value);
            DaemonProcess.Result result = new DaemonProcess(AmqpTool.class, env, List.of())
                    .run("--host", "ftp", "--get", "--timeout", "5");
            assertEquals(1, result.exitCode(), result.toString());
            List<String> lines = result.err().lines().toList();
            assertEquals(List.of("Can't connect to virtuahost!", "Make sure, that virtualhost is created."),
                    lines.subList(0, 2), result.err());
            assertEquals(3, lines.size(), result.err());
        }
    }
}
