package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.metrics.DaemonCounters;

/**
 * A daemon that consumes nothing and publishes what it finds (the ftp monitor, the harvester): the framework
 * gives it the same command line and lifecycle as a consuming daemon (PID and log files, {@code status}, a
 * background start that waits for it) and calls {@link #stop()} on SIGTERM or SIGINT.
 */
public interface Producer {

    /**
     * Runs until {@link #stop()} or a failure; calls {@code serving} once, when it is connected and working,
     * which makes the start report {@code started with pid N}. Returning normally is a clean stop.
     */
    void run(Runnable serving) throws Exception;

    /** Asks {@link #run} to finish the work in hand and return; called from another thread. */
    void stop();

    /**
     * Where it counts what it does, for its daemon's {@code /metrics} ({@link DaemonCounters#NONE} without
     * {@code --metrics-port}); called once, before {@link #run}. A producer that counts nothing ignores it.
     */
    default void countTo(DaemonCounters counters) {
    }
}
