package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code RABBITMQ_ADDRESSES} against the real broker: dead nodes in the list are passed over, all of
 * them dead is one line naming every node tried, a bad entry is a settings error (exit 78).
 */
class BrokerNodesIT {

    private static final String PREFIX = "edeposit-echo-testd: error: ";

    @TempDir
    Path pidDir;

    @Test
    void deadNodesInTheListArePassedOverWhateverTheShuffledOrder() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            int dead1 = closedPort();
            int dead2 = closedPort();
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_RABBITMQ_ADDRESSES", "127.0.0.1:" + dead1 + ", " + vhost.broker().host() + ":"
                    + vhost.broker().port() + ", 127.0.0.1:" + dead2);
            AmqpSettings settings = AmqpSettings.load(
                    new ConfigLocator(vhost.emptyConfigDir(), env, vhost.emptyConfigDir()), env);
            for (int i = 0; i < 8; i++) { // 8 shuffles: the live node first, middle and last, almost surely
                try (Connection connection = BrokerConnection.open(settings, vhost.name(), "edeposit-test-nodes")) {
                    assertEquals(vhost.broker().port(), connection.getPort());
                }
            }
        }
    }

    @Test
    void allNodesDownIsOneLineNamingEveryNodeTried() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            int dead1 = closedPort();
            int dead2 = closedPort();
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_RABBITMQ_ADDRESSES", "127.0.0.1:" + dead1 + ",127.0.0.1:" + dead2);
            DaemonProcess.Result result = start(vhost, env, "0");
            assertTrue(result.err().startsWith(PREFIX + "cannot connect to any of the 2 RabbitMQ nodes of"
                    + " RABBITMQ_ADDRESSES (tried 127.0.0.1:"), result.err());
            assertTrue(result.err().contains("cannot connect to RabbitMQ at 127.0.0.1:" + dead1 + " (Connection refused)"),
                    result.err());
            assertTrue(result.err().contains("cannot connect to RabbitMQ at 127.0.0.1:" + dead2 + " (Connection refused)"),
                    result.err());
            assertTrue(result.err().contains("check RABBITMQ_ADDRESSES"), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
            assertEquals(1, result.exitCode(), result.toString());
        }
    }

    @Test
    void allNodesDownAtStartIsWaitedForWithTheNodesTriedInTheLog() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            int dead1 = closedPort();
            int dead2 = closedPort();
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_RABBITMQ_ADDRESSES", "127.0.0.1:" + dead1 + ",127.0.0.1:" + dead2);
            DaemonProcess.Result result = start(vhost, env, "2");
            String all = result.out() + result.err();
            assertTrue(all.contains("Waiting for RabbitMQ: cannot connect to any of the 2 RabbitMQ nodes of"
                    + " RABBITMQ_ADDRESSES (tried 127.0.0.1:"), all);
            assertTrue(all.contains("retrying in"), all);
            assertEquals(1, result.exitCode(), result.toString());
        }
    }

    @Test
    void aBadEntryExitsWith78NamingTheKeyAndTheEntry() throws Exception {
        try (TestVhost vhost = TestVhost.empty("downloader")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_RABBITMQ_ADDRESSES", "rabbit-1:5672,rabbit-2:99999");
            DaemonProcess.Result result = start(vhost, env, "0");
            assertEquals(78, result.exitCode(), result.toString());
            assertTrue(result.err().contains("EDEPOSIT_RABBITMQ_ADDRESSES: entry \"rabbit-2:99999\" is not host or"
                    + " host:port"), result.err());
            assertFalse(result.err().contains("\tat "), result.err());
        }
    }

    @Test
    void theRefusalOfOneNodeIsNotHiddenByTryingTheOthers() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_RABBITMQ_USER_PASSWORD", "not-" + vhost.broker().password());
            env.put("EDEPOSIT_RABBITMQ_ADDRESSES", vhost.broker().host() + ":" + vhost.broker().port()
                    + ",127.0.0.1:" + closedPort());
            AmqpSettings settings = AmqpSettings.load(
                    new ConfigLocator(vhost.emptyConfigDir(), env, vhost.emptyConfigDir()), env);
            for (int i = 0; i < 4; i++) {
                BrokerUnavailableException e = assertThrows(BrokerUnavailableException.class,
                        () -> BrokerConnection.open(settings, vhost.name(), "edeposit-test-nodes").close());
                assertFalse(e.retryable(), e.getMessage());
                assertTrue(e.getMessage().contains("refused user"), e.getMessage());
            }
        }
    }

    private DaemonProcess.Result start(TestVhost vhost, Map<String, String> env, String brokerWait) throws Exception {
        return new DaemonProcess(EchoDaemon.class, env, List.of("--config-dir", vhost.emptyConfigDir().toString(),
                "--pid-dir", pidDir.toString())).run("start", "--foreground", "--broker-wait", brokerWait);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
