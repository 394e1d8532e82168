package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

/**
 * Everything a worker thread reacts to, queued by the client's callback threads so that only the
 * worker publishes on its channel (the rabbitmq-java-client rule); acks are sent where confirms
 * arrive (see {@link RpcWorker}).
 */
sealed interface WorkerEvent {

    /** A request taken from the input queue. */
    record Delivered(Envelope envelope, AMQP.BasicProperties properties, byte[] body) implements WorkerEvent {
    }

    /** Confirm handling failed, or the broker refused a reply ({@code basic.nack}): restart the channel. */
    record Failed(String reason) implements WorkerEvent {
    }

    /** The broker cancelled the consumer, e.g. because the queue was deleted. */
    record Cancelled(String consumerTag) implements WorkerEvent {
    }

    /** The channel or its connection closed without us asking. */
    record ChannelLost(String reason) implements WorkerEvent {
    }

    /** The poison pill: stop taking requests, drain, close. */
    record Stop() implements WorkerEvent {
    }
}
