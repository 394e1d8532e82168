package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.RpcMetrics.WorkerLoad;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/**
 * The metrics that {@link PrometheusRpcMetrics} reports to, registered once in a registry and shared
 * by every daemon reporting there (one alone, several in a suite), whose series the label
 * {@code daemon} tells apart: a registry refuses a second metric of the same name, so a daemon
 * adds its label values here instead of metrics of its own.
 */
final class RpcMetricFamilies {

    /** Seconds: from a 1 ms search to a 10-minute conversion. */
    static final double[] DURATION_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    final Counter received;
    final Counter answered;
    final Counter failed;
    final Counter progress;
    final Counter poisoned;
    final Counter timeouts;
    final Counter deadLettered;
    final Counter reconnects;
    final Counter channelFailures;
    final Histogram handlerDuration;
    final Histogram ackDelay;
    private final List<PrometheusRpcMetrics> daemons = new CopyOnWriteArrayList<>();

    RpcMetricFamilies(PrometheusRegistry registry) {
        received = counter(registry, "edeposit_requests_received", "Requests taken up", "type");
        answered = counter(registry, "edeposit_requests_answered", "Requests answered with a result", "type");
        failed = counter(registry, "edeposit_requests_failed", "Requests answered with an exception",
                "type", "exception");
        progress = counter(registry, "edeposit_progress_messages", "Progress messages sent", "type");
        poisoned = counter(registry, "edeposit_poison_messages",
                "Requests given up on after too many attempts (answered with PoisonMessageError)", "type");
        timeouts = counter(registry, "edeposit_handler_timeouts", "Handlers interrupted at --handler-timeout", "type");
        deadLettered = counter(registry, "edeposit_dead_lettered",
                "Given-up requests published to --dead-letter-exchange", "type");
        reconnects = counter(registry, "edeposit_reconnects",
                "Times the daemon served again on a new connection after losing one");
        channelFailures = counter(registry, "edeposit_channel_restarts",
                "Worker channels lost or failed (the daemon then reconnects)");
        handlerDuration = Histogram.builder().name("edeposit_handler_duration_seconds")
                .help("How long the handler ran").unit(Unit.SECONDS).labelNames("daemon", "type")
                .classicUpperBounds(DURATION_BUCKETS).classicOnly().withoutExemplars().register(registry);
        ackDelay = Histogram.builder().name("edeposit_ack_delay_seconds")
                .help("Time from a request's delivery to its ack (waiting, handling, confirms)").unit(Unit.SECONDS)
                .labelNames("daemon").classicUpperBounds(DURATION_BUCKETS).classicOnly().withoutExemplars()
                .register(registry);
        gauge(registry, "edeposit_requests_in_hand", "Requests being handled or answered", WorkerLoad::inHand);
        gauge(registry, "edeposit_requests_prefetched", "Requests delivered to a worker and not started",
                WorkerLoad::prefetched);
        gauge(registry, "edeposit_requests_awaiting_confirms",
                "Requests answered whose replies the broker has not confirmed yet", WorkerLoad::awaitingConfirms);
        GaugeWithCallback.builder().name("edeposit_broker_connected")
                .help("1 while serving on a connection to this broker node (host:port), 0 after losing it")
                .labelNames("daemon", "node").callback(callback -> {
                    for (PrometheusRpcMetrics daemon : daemons) {
                        String node = daemon.node();
                        if (node != null) {
                            callback.call(daemon.load() != null ? 1 : 0, daemon.name(), node);
                        }
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("edeposit_last_success_age_seconds")
                .help("Seconds since a request was last answered with a result (since the start before the first)")
                .labelNames("daemon").callback(callback -> {
                    for (PrometheusRpcMetrics daemon : daemons) {
                        callback.call(daemon.lastSuccessAgeSeconds(), daemon.name());
                    }
                }).register(registry);
    }

    /**
     * Reads {@code daemon}'s gauges at every scrape from now on.
     *
     * @throws IllegalArgumentException when a daemon of that name reports here already: their series would mix
     */
    synchronized void add(PrometheusRpcMetrics daemon) {
        if (daemons.stream().anyMatch(known -> known.name().equals(daemon.name()))) {
            throw new IllegalArgumentException("daemon '" + daemon.name() + "' has its metrics here already");
        }
        daemons.add(daemon);
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        String[] names = new String[labels.length + 1];
        names[0] = "daemon";
        System.arraycopy(labels, 0, names, 1, labels.length);
        return Counter.builder().name(name).help(help).labelNames(names).withoutExemplars().register(registry);
    }

    private void gauge(PrometheusRegistry registry, String name, String help, ToIntFunction<WorkerLoad> count) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("daemon").callback(callback -> {
            for (PrometheusRpcMetrics daemon : daemons) {
                WorkerLoad current = daemon.load();
                callback.call(current == null ? 0 : count.applyAsInt(current), daemon.name());
            }
        }).register(registry);
    }
}
