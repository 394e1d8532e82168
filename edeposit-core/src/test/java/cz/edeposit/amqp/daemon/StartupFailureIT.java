package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.TestBroker;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A daemon that cannot start prints our one line on stderr, without amqp-client's driver warnings before it. */
class StartupFailureIT {

    private static final String PREFIX = "edeposit-echo-testd: error: ";

    @TempDir
    Path pidDir;

    @Test
    void aWrongPasswordPrintsOnlyTheRefusedUserLine() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_RABBITMQ_USER_PASSWORD", "not-" + vhost.broker().password());
            DaemonProcess.Result result = start(vhost, env);
            assertEquals(PREFIX + "RabbitMQ at " + where(vhost.broker()) + " refused user '" + vhost.broker().user()
                    + "': check RABBITMQ_USER_NAME and RABBITMQ_USER_PASSWORD\n", result.err());
            assertEquals(1, result.exitCode(), result.toString());
        }
    }

    @Test
    void aMissingVhostPrintsOnlyTheCannotOpenVhostLine() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            String missing = vhost.name() + "-missing";
            env.replaceAll((key, value) -> key.endsWith("_VIRTUALHOST") ? missing : value);
            DaemonProcess.Result result = start(vhost, env);
            assertEquals(PREFIX + "cannot open vhost '" + missing + "' on " + where(vhost.broker()) + " as user '"
                    + vhost.broker().user() + "': create it and grant access (edeposit-amqp-tool --create does both"
                    + " when the management plugin is enabled), or fix the _VIRTUALHOST setting\n", result.err());
            assertEquals(1, result.exitCode(), result.toString());
        }
    }

    @Test
    void aClosedPortPrintsOnlyTheCannotConnectLine() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            int port = closedPort();
            env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(port));
            DaemonProcess.Result result = start(vhost, env);
            assertEquals(PREFIX + "cannot connect to RabbitMQ at " + vhost.broker().host() + ":" + port
                    + " (Connection refused): is rabbitmq-server running? check RABBITMQ_HOST and RABBITMQ_PORT\n",
                    result.err());
            assertEquals(1, result.exitCode(), result.toString());
        }
    }

    private DaemonProcess.Result start(TestVhost vhost, Map<String, String> env) throws Exception {
        return new DaemonProcess(EchoDaemon.class, env, List.of("--config-dir", vhost.emptyConfigDir().toString(),
                "--pid-dir", pidDir.toString())).run("start", "--foreground", "--broker-wait", "0");
    }

    private static String where(TestBroker broker) {
        return broker.host() + ":" + broker.port();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
