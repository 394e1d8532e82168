package cz.edeposit.amqp.rpc;

/**
 * What the supervision loop tells, every period, about the daemon's health: e.g. systemd's watchdog,
 * which restarts a daemon that stops saying it is healthy.
 */
@FunctionalInterface
public interface Heartbeat {

    /**
     * Called from the supervision loop's thread: {@code stuck} is null while the daemon works (serving
     * with no stuck worker, or retrying the broker as it should), else one line on the worker that is stuck.
     */
    void beat(String stuck);
}
