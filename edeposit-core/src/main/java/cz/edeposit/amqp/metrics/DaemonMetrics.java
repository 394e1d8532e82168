package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.Heartbeat;
import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.ServiceState;
import io.prometheus.metrics.core.metrics.Counter;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One daemon's part of a {@link MetricsEndpoint}: what its RPC machinery counts to, its own counters, and
 * what its supervisor's states and heartbeats go to for {@code /healthz}. It lasts as long as the endpoint,
 * across restarts of the daemon in a suite.
 */
public final class DaemonMetrics {

    private final String name;
    private final RpcMetrics metrics;
    private final ServiceHealth health = new ServiceHealth();
    private final BiFunction<String, String, Counter> families;

    /** @param families a counter's family by name and help, of the endpoint, for {@link #counters()} */
    DaemonMetrics(String name, RpcMetrics metrics, BiFunction<String, String, Counter> families) {
        this.name = name;
        this.metrics = metrics;
        this.families = families;
    }

    /** The daemon's name, its label {@code daemon}. */
    public String name() {
        return name;
    }

    /** What the RPC machinery reports to ({@link RpcMetrics#NONE} for a producer, which has no requests). */
    public RpcMetrics metrics() {
        return metrics;
    }

    /** The daemon's own counters, each labelled with its name: a producer's seam. */
    public DaemonCounters counters() {
        return (counter, help) -> families.apply(counter, help).labelValues(name)::inc;
    }

    /** What the supervisor's states go to, for {@code /healthz}. */
    public Consumer<ServiceState> health() {
        return health;
    }

    /** What the supervision loop's heartbeats go to, so that {@code /healthz} reports a stuck worker. */
    public Heartbeat heartbeat() {
        return health;
    }

    /** Null while it serves with no stuck worker, else the reason on one line. */
    String problem() {
        return health.problem();
    }
}
