package cz.edeposit.amqp.rpc;

import java.util.Objects;

/**
 * What a supervised daemon is doing, for a state file or a status line.
 *
 * @param phase  the phase
 * @param detail one line for an operator: why it waits and when it retries; empty when serving
 */
public record ServiceState(Phase phase, String detail) {

    /** The phases in the order a daemon normally goes through them. */
    public enum Phase {
        /** Opening the first connection. */
        CONNECTING,
        /** The broker could not be reached at start-up; retrying. */
        WAITING,
        /** Consuming the input queue. */
        SERVING,
        /** The connection or a channel was lost after serving; retrying. */
        RECONNECTING,
        /** Finishing the requests in hand before exit. */
        STOPPING
    }

    public ServiceState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(detail, "detail");
    }
}
