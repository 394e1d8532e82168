package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.metrics.DaemonCounters;
import cz.edeposit.amqp.metrics.DaemonMetrics;
import cz.edeposit.amqp.rpc.AttemptStore;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.rpc.RpcSupervisor;
import cz.edeposit.amqp.rpc.ServiceState;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;

import java.util.function.Consumer;

/**
 * Where one daemon reports, wired the same alone ({@link ForegroundRunner}) and in a suite
 * ({@link SuiteMember}): its phases and counts to its state file, for {@code status}, and with
 * {@code --metrics-port} its metrics, phases and heartbeats to its part of the metrics endpoint.
 *
 * @param counts   the counts its state file shows
 * @param recorder the writer of its state file
 * @param metrics  its part of the metrics endpoint, or null without {@code --metrics-port}
 */
record DaemonReports(RequestCounts counts, StateRecorder recorder, DaemonMetrics metrics) {

    /** Records the daemon's phase: in its state file, and for {@code /healthz}. */
    void phase(ServiceState state) {
        recorder.phase(state);
        if (metrics != null) {
            metrics.health().accept(state);
        }
    }

    /** Records a heartbeat of the daemon's supervision loop ({@code stuck}: null, or which worker is stuck). */
    void beat(String stuck) {
        if (metrics != null) {
            metrics.heartbeat().beat(stuck);
        }
    }

    /**
     * The supervisor of daemon {@code spec} serving with {@code handler} on a connection of its own,
     * counting here; its phases go to {@code states}, which is to pass them on to {@link #phase}.
     */
    RpcSupervisor supervisor(DaemonSpec spec, DaemonRun run, AmqpSettings amqp, String connectionName,
                             RpcHandler handler, AttemptStore attempts, boolean afterCrash,
                             Consumer<ServiceState> states) {
        HostSettings host = amqp.host(spec.host());
        RpcOptions options = new RpcOptions(host, new NtCodec(spec.requests().get()), handler, run.workers(),
                run.prefetchFor(spec), run.drainTimeout(),
                run.faults().withAttempts(attempts).withFirstDeliveriesCounted(afterCrash), spec.maxRequestBytes());
        return new RpcSupervisor(
                () -> BrokerConnection.openForDaemon(amqp, host.vhost(), connectionName, run.heartbeatSeconds()),
                options, run.recovery(), states, metrics == null ? counts : RpcMetrics.both(counts, metrics.metrics()));
    }

    /** Where a producer counts what it does: its part of the endpoint, else nowhere. */
    DaemonCounters counters() {
        return metrics == null ? DaemonCounters.NONE : metrics.counters();
    }
}
