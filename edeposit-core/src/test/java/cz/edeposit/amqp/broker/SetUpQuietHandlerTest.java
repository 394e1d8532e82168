package cz.edeposit.amqp.broker;

import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import cz.edeposit.amqp.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver error that follows a refused password or vhost is not logged by amqp-client while the
 * connection is being set up (the process tests cannot always see it: it races with the exit).
 */
class SetUpQuietHandlerTest {

    @Test
    void aDriverErrorDuringSetUpIsNotWarnedAbout() {
        try (LogCapture log = new LogCapture(ForgivingExceptionHandler.class)) {
            new SetUpQuietHandler().handleUnexpectedConnectionDriverException(null, new SocketException("Connection reset"));
            assertEquals(List.of(), log.messages());
        }
    }

    @Test
    void aDriverErrorOfAnEstablishedConnectionIsLoggedAsAmqpClientLogsIt() {
        try (LogCapture log = new LogCapture(ForgivingExceptionHandler.class)) {
            SetUpQuietHandler handler = new SetUpQuietHandler();
            handler.established();
            handler.handleUnexpectedConnectionDriverException(null, new SocketException("Connection reset"));
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("unexpected connection driver error")),
                    log.messages().toString());
        }
    }
}
