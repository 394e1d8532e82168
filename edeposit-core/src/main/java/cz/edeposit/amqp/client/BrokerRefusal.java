package cz.edeposit.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;

import java.io.IOException;

/**
 * The broker's answer when it closed a channel over a declaration or binding: its reply code
 * ({@code 404} not found, {@code 403} access refused, {@code 406} precondition failed) and text.
 */
record BrokerRefusal(int code, String text) {

    static final int NOT_FOUND = 404;
    static final int ACCESS_REFUSED = 403;
    static final int PRECONDITION_FAILED = 406;

    /** The refusal inside {@code e}, or one with code 0 and the exception text for other I/O failures. */
    static BrokerRefusal of(IOException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ShutdownSignalException signal) {
            Method reason = signal.getReason();
            if (reason instanceof AMQP.Channel.Close close) {
                return new BrokerRefusal(close.getReplyCode(), close.getReplyText());
            }
            if (reason instanceof AMQP.Connection.Close close) {
                return new BrokerRefusal(close.getReplyCode(), close.getReplyText());
            }
        }
        return new BrokerRefusal(0, String.valueOf(e.getMessage() != null ? e.getMessage() : cause));
    }
}
