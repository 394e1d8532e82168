package cz.edeposit.amqp.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broker refusals are read from the close method's fields, wherever in the cause chain the close is. */
class BrokerRefusalTest {

    private static IOException channelClosed(int code, String text, int classId, int methodId) {
        AMQImpl.Channel.Close close = new AMQImpl.Channel.Close(code, text, classId, methodId);
        return new IOException(new ShutdownSignalException(false, false, close, null));
    }

    @Test
    void readsTheReplyCodeAndTheRefusedCommandOfAChannelClose() {
        BrokerRefusal refusal = BrokerRefusal.of(channelClosed(AMQP.NOT_FOUND, "NOT_FOUND - no queue 'daemon'", 50, 10));
        assertEquals(new BrokerRefusal(404, 50, 10, "NOT_FOUND - no queue 'daemon'", false), refusal);
        assertTrue(refusal.notFound());
        assertFalse(refusal.accessRefused() || refusal.preconditionFailed() || refusal.notAllowed());
    }

    @Test
    void readsAConnectionCloseDeeperInTheCauseChain() {
        AMQImpl.Connection.Close close = new AMQImpl.Connection.Close(AMQP.NOT_ALLOWED, "NOT_ALLOWED - vhost x not found", 10, 40);
        Exception wrapped = new RuntimeException(new IOException(new ShutdownSignalException(true, false, close, null)));
        BrokerRefusal refusal = BrokerRefusal.find(wrapped).orElseThrow();
        assertTrue(refusal.notAllowed());
        assertTrue(refusal.connection());
        assertEquals(10, refusal.classId());
        assertEquals(40, refusal.methodId());
    }

    @Test
    void namesTheOtherRefusalsAndTellsAFailureThatIsNoRefusal() {
        assertTrue(BrokerRefusal.of(channelClosed(AMQP.ACCESS_REFUSED, "ACCESS_REFUSED", 50, 20)).accessRefused());
        assertTrue(BrokerRefusal.of(channelClosed(AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED", 50, 10))
                .preconditionFailed());
        assertEquals(Optional.empty(), BrokerRefusal.find(new IOException("Connection reset")));
        assertEquals(new BrokerRefusal(0, 0, 0, "Connection reset", false),
                BrokerRefusal.of(new IOException("Connection reset")));
    }
}
