package cz.edeposit.amqp.testing;

import cz.edeposit.amqp.rpc.RpcContext;

import java.util.ArrayList;
import java.util.List;

/** A hand-written fake {@link RpcContext} for handler tests: it records the progress messages sent. */
public final class RecordingContext implements RpcContext {

    /** The progress messages in the order the handler sent them. */
    public final List<Object> progress = new ArrayList<>();

    @Override
    public String uuid() {
        return "test";
    }

    @Override
    public String routingKey() {
        return "request";
    }

    @Override
    public boolean redelivered() {
        return false;
    }

    @Override
    public void progress(Object message) {
        progress.add(message);
    }
}
