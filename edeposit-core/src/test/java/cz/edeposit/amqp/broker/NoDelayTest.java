package cz.edeposit.amqp.broker;

import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemons' and the client's sockets go without Nagle's algorithm: a reply, an ack or a request
 * is a small frame sent on its own, and with Nagle it could wait for the ack of the previous segment
 * (docs/performance.md, "Where a sequential round trip goes").
 */
class NoDelayTest {

    @TempDir
    Path dir;

    @Test
    void theConnectionFactoryConfiguresSocketsWithTcpNoDelay() throws Exception {
        AmqpSettings settings = AmqpSettings.load(new ConfigLocator(dir, Map.of(), dir), Map.of());
        try (Socket socket = new Socket()) {
            BrokerConnection.factory(settings, "/").getSocketConfigurator().configure(socket);
            assertTrue(socket.getTcpNoDelay());
        }
    }
}
