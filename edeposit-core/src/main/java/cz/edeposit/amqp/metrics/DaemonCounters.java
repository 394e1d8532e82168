package cz.edeposit.amqp.metrics;

/**
 * Counters of a daemon's own, in its {@code /metrics} next to the common series: how a producer (which has no
 * request series) tells what it does. Each is a family of its own, labelled {@code daemon} as every series is.
 */
public interface DaemonCounters {

    /** Counts to nothing: a daemon started without {@code --metrics-port}. */
    DaemonCounters NONE = (name, help) -> amount -> { };

    /** One counter of a daemon; thread-safe. */
    @FunctionalInterface
    interface Counter {
        void add(long amount);

        default void increment() {
            add(1);
        }
    }

    /**
     * Counter {@code name} ({@code name_total} in {@code /metrics}, from 0 until counted); asked again, in a suite by
     * a daemon restarted, it is the same counter, which goes on counting.
     */
    Counter counter(String name, String help);
}
