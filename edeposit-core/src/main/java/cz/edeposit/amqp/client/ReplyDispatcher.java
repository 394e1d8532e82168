package cz.edeposit.amqp.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import cz.edeposit.amqp.wire.Headers;
import cz.edeposit.amqp.wire.ReplyKind;
import cz.edeposit.amqp.wire.WireHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Pairs each message of a reply queue with its pending call by the {@code UUID} header and decides
 * what it is: progress, final reply, or exception reply.
 *
 * <p>Runs on the consumer's delivery thread, one message at a time per vhost, so progress messages
 * reach the listener in the order the daemon published them and before the final reply.
 */
final class ReplyDispatcher {

    private final ClientConfig config;
    private final PendingCalls pending;

    ReplyDispatcher(ClientConfig config, PendingCalls pending) {
        this.config = config;
        this.pending = pending;
    }

    void dispatch(String vhost, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String uuid = Headers.text(properties, WireHeaders.UUID);
        PendingCall<?> call = pending.get(uuid);
        if (call == null || !call.vhost().equals(vhost)) {
            pending.late().drop(uuid, vhost, envelope.getRoutingKey());
            return;
        }
        switch (kind(vhost, properties, body)) {
            case EXCEPTION -> pending.fail(call, config.remoteErrors().rebuild(remoteException(call, properties, body)));
            case PROGRESS -> progress(call, body);
            case RESULT -> result(call, body);
        }
    }

    /**
     * The {@code exception} header marks an error whatever else the message says (the Plone rule);
     * then the kind header of a Java daemon; then, for a Python daemon, the registered progress names.
     */
    private ReplyKind kind(String vhost, AMQP.BasicProperties properties, byte[] body) {
        if (Headers.has(properties, WireHeaders.EXCEPTION)) {
            return ReplyKind.EXCEPTION;
        }
        ReplyKind kind = ReplyKind.fromHeader(Headers.text(properties, ReplyKind.HEADER));
        if (kind != null) {
            return kind;
        }
        var progressNames = config.progressNames(vhost);
        if (!progressNames.isEmpty() && progressNames.contains(NtNames.of(body))) {
            return ReplyKind.PROGRESS;
        }
        return ReplyKind.RESULT;
    }

    private void progress(PendingCall<?> call, byte[] body) {
        Object message;
        try {
            message = call.decodeProgress(body);
        } catch (RuntimeException e) {
            pending.fail(call, undecodable(call, "progress message", e));
            return;
        }
        call.progress(message);
    }

    private void result(PendingCall<?> call, byte[] body) {
        Object value;
        try {
            value = call.decodeResult(body);
        } catch (RuntimeException e) {
            pending.fail(call, undecodable(call, "reply", e));
            return;
        }
        pending.complete(call, value);
    }

    private static RpcException undecodable(PendingCall<?> call, String what, RuntimeException e) {
        return new RpcException("the " + what + " of host '" + call.host.name() + "' for UUID " + call.uuid
                + " cannot be decoded (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); are its reply types registered for vhost '" + call.vhost() + "'?", e);
    }

    private static RemoteException remoteException(PendingCall<?> call, AMQP.BasicProperties properties, byte[] body) {
        String message = Headers.text(properties, WireHeaders.EXCEPTION);
        if (message == null) {
            message = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        }
        String name = Headers.text(properties, WireHeaders.EXCEPTION_NAME);
        return new RemoteException(call.host.name(), call.uuid, name == null ? "Exception" : name,
                Headers.text(properties, WireHeaders.EXCEPTION_TYPE), message,
                Headers.text(properties, WireHeaders.TRACEBACK));
    }
}
