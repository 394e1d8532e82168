package cz.edeposit.amqp.client;

/**
 * Receives the progress messages of one call, in the order the daemon sent them, before the call's
 * future completes.
 *
 * <p>Called on the client's delivery thread: return quickly; a listener that throws is logged and
 * does not affect the call.
 */
@FunctionalInterface
public interface ProgressListener {

    /** One progress message, decoded like the final reply ({@code byte[]} for raw calls). */
    void progress(Object message);
}
