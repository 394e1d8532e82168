package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;

/** Closing what the tool opened, which the original never did (docs/wire-protocol.md, defect D15). */
final class Connections {

    private static final int CLOSE_TIMEOUT_MILLIS = 5_000;

    private Connections() {
    }

    /** Closes {@code connection} and its channels; a connection the broker already closed is left alone. */
    static void close(Connection connection) {
        if (connection == null || !connection.isOpen()) {
            return;
        }
        try {
            connection.close(CLOSE_TIMEOUT_MILLIS);
        } catch (IOException | ShutdownSignalException e) {
            // Nothing left to do for a tool that is about to exit: the broker drops the connection anyway.
        }
    }
}
