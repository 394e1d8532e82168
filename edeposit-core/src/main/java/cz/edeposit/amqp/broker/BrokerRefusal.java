package cz.edeposit.amqp.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import java.util.Optional;

/**
 * The one reader of a broker refusal: the {@code channel.close} or {@code connection.close} the
 * broker sent, read from its fields (reply code, and the class and method ids of the command it
 * refused), never from the exception text.
 *
 * @param code     the AMQP reply code, e.g. {@link AMQP#NOT_FOUND}; 0 when the failure was no refusal
 * @param classId  the AMQP class of the refused command (50 for queue, 40 for exchange); 0 when unknown
 * @param methodId the AMQP method of the refused command within its class; 0 when unknown
 * @param text     the broker's reply text, e.g. {@code NOT_FOUND - no queue 'x' in vhost 'y'}, or the
 *                 failure's own message when it was no refusal
 * @param connection whether the broker closed the whole connection rather than one channel
 */
public record BrokerRefusal(int code, int classId, int methodId, String text, boolean connection) {

    /** The refusal behind {@code error} (itself or a cause), if the broker closed a channel or the connection. */
    public static Optional<BrokerRefusal> find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                return of(signal.getReason());
            }
        }
        return Optional.empty();
    }

    /** The refusal behind {@code error}, or one with code 0 and the failure's message for other failures. */
    public static BrokerRefusal of(Throwable error) {
        return find(error).orElseGet(() -> new BrokerRefusal(0, 0, 0, String.valueOf(error.getMessage() != null
                ? error.getMessage() : error.getCause()), false));
    }

    /** The refusal a close method carries; empty for other methods (or none). */
    public static Optional<BrokerRefusal> of(Method reason) {
        if (reason instanceof AMQP.Channel.Close close) {
            return Optional.of(new BrokerRefusal(close.getReplyCode(), close.getClassId(), close.getMethodId(),
                    close.getReplyText(), false));
        }
        if (reason instanceof AMQP.Connection.Close close) {
            return Optional.of(new BrokerRefusal(close.getReplyCode(), close.getClassId(), close.getMethodId(),
                    close.getReplyText(), true));
        }
        return Optional.empty();
    }

    /** 404: the queue or exchange does not exist (a schema not created yet). */
    public boolean notFound() {
        return code == AMQP.NOT_FOUND;
    }

    /** 403: the user lacks the permission, or the queue is another connection's exclusive queue. */
    public boolean accessRefused() {
        return code == AMQP.ACCESS_REFUSED;
    }

    /** 406: the queue or exchange exists with other arguments. */
    public boolean preconditionFailed() {
        return code == AMQP.PRECONDITION_FAILED;
    }

    /** 530: the vhost does not exist or the user may not open it. */
    public boolean notAllowed() {
        return code == AMQP.NOT_ALLOWED;
    }

    /** 320: an operator or a shutting-down node closed the connection. */
    public boolean connectionForced() {
        return code == AMQP.CONNECTION_FORCED;
    }
}
