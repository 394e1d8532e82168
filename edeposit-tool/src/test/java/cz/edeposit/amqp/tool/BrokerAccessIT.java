package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.ConfirmedPublisher;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@link BrokerAccess} tells a vhost the broker refuses from a broker it cannot reach, at each of its three
 * ways in: {@code open} (for {@code --create}, which then makes the vhost), {@code openExisting} ({@code --get})
 * and {@code openPublisher} ({@code --put}).
 */
class BrokerAccessIT {

    @TempDir
    Path config;

    private BrokerAccess access(Map<String, String> env) {
        return new BrokerAccess(AmqpSettings.load(new ConfigLocator(config, Map.of(), config), env));
    }

    @Test
    void aVhostTheBrokerRefusesIsVhostUnavailableToOpenAndTheOriginalsLinesToTheOthers() throws Exception {
        try (TestVhosts vhosts = new TestVhosts()) {
            BrokerAccess access = access(vhosts.env());
            String missing = vhosts.of("aleph");
            BrokerAccess.VhostUnavailable refused = assertThrows(BrokerAccess.VhostUnavailable.class,
                    () -> access.open(missing).close());
            assertEquals("NOT_ALLOWED - vhost " + missing + " not found", refused.getMessage());
            for (ToolFailure failure : List.of(
                    assertThrows(ToolFailure.class, () -> access.openExisting(missing, "aleph").close()),
                    assertThrows(ToolFailure.class, () -> publisher(access, missing).close()))) {
                assertEquals(BrokerAccess.CANT_OPEN_VHOST, failure.lines().get(0), failure.lines().toString());
                assertEquals(BrokerAccess.MAKE_SURE_VHOST, failure.lines().get(1), failure.lines().toString());
                assertTrue(failure.lines().get(2).startsWith(refused.getMessage() + " (on "), failure.lines().toString());
                assertTrue(failure.lines().get(2).endsWith("create it with 'edeposit-amqp-tool --host aleph --create'"),
                        failure.lines().toString());
            }
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsCantConnectAtEveryWayIn() throws Exception {
        try (TestVhosts vhosts = new TestVhosts()) {
            Map<String, String> env = new HashMap<>(vhosts.env());
            env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(BrokerApi.closedPort()));
            BrokerAccess access = access(env);
            String vhost = vhosts.of("aleph");
            for (ToolFailure failure : List.of(
                    assertThrows(ToolFailure.class, () -> open(access, vhost)),
                    assertThrows(ToolFailure.class, () -> access.openExisting(vhost, "aleph").close()),
                    assertThrows(ToolFailure.class, () -> publisher(access, vhost).close()))) {
                assertEquals(BrokerAccess.CANT_CONNECT, failure.lines().get(0), failure.lines().toString());
                assertEquals(2, failure.lines().size(), failure.lines().toString());
            }
        }
    }

    private static void open(BrokerAccess access, String vhost) throws Exception {
        try (Connection connection = access.open(vhost)) {
            throw new AssertionError("opened " + connection);
        }
    }

    private static ConfirmedPublisher publisher(BrokerAccess access, String vhost) throws Exception {
        return access.openPublisher(vhost, "aleph", Duration.ofSeconds(5));
    }
}
