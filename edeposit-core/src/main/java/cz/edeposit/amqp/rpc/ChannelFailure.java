package cz.edeposit.amqp.rpc;

/** The worker's channel can no longer be trusted; unacked requests will be redelivered. */
final class ChannelFailure extends RuntimeException {

    ChannelFailure(String message) {
        super(message);
    }
}
