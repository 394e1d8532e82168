package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.rpc.HandlerTimeoutError;
import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.wire.PythonTypes;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * {@link RpcMetrics} as Prometheus metrics, every one labelled with the daemon's name and, where it
 * is about a request, the request's {@code __nt_name} ({@code undecodable} when it could not be decoded,
 * {@code other} for a value that is not a structure). The series of each request type are looked up
 * once and kept, so that counting a request allocates nothing; exemplars are off, as no tracing
 * would fill them and sampling them costs time on every request. docs/monitoring.md lists the metrics.
 */
public final class PrometheusRpcMetrics implements RpcMetrics {

    /** Seconds: from a 1 ms search to a 10-minute conversion. */
    static final double[] DURATION_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10, 30, 60, 120, 300, 600};

    private static final double NANOS_PER_SECOND = 1e9;

    private final String daemon;
    private final Counter received;
    private final Counter answered;
    private final Counter failed;
    private final Counter progress;
    private final Counter poisoned;
    private final Counter timeouts;
    private final Counter deadLettered;
    private final Histogram handlerDuration;
    private final DistributionDataPoint ackDelay;
    private final CounterDataPoint reconnects;
    private final CounterDataPoint channelFailures;
    private final ClassValue<Series> byType = new ClassValue<>() {
        @Override
        protected Series computeValue(Class<?> type) {
            return new Series(typeName(type));
        }
    };
    private final long startNanos = System.nanoTime();
    private volatile long lastSuccessNanos = startNanos;
    private volatile WorkerLoad load;
    private volatile String node;

    /** The series of one request type. */
    private final class Series {
        final String type;
        final CounterDataPoint received;
        final CounterDataPoint answered;
        final CounterDataPoint progress;
        final DistributionDataPoint duration;
        final Map<String, CounterDataPoint> failed = new ConcurrentHashMap<>();

        Series(String type) {
            this.type = type;
            this.received = PrometheusRpcMetrics.this.received.labelValues(daemon, type);
            this.answered = PrometheusRpcMetrics.this.answered.labelValues(daemon, type);
            this.progress = PrometheusRpcMetrics.this.progress.labelValues(daemon, type);
            this.duration = handlerDuration.labelValues(daemon, type);
        }

        CounterDataPoint failed(String exception) {
            CounterDataPoint known = failed.get(exception); // no capturing lambda once the series exists
            return known != null ? known : failed.computeIfAbsent(exception,
                    name -> PrometheusRpcMetrics.this.failed.labelValues(daemon, type, name));
        }
    }

    /** Registers the metrics of daemon {@code daemon} in {@code registry}. */
    public PrometheusRpcMetrics(String daemon, PrometheusRegistry registry) {
        this.daemon = daemon;
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
        handlerDuration = Histogram.builder().name("edeposit_handler_duration_seconds")
                .help("How long the handler ran").unit(Unit.SECONDS).labelNames("daemon", "type")
                .classicUpperBounds(DURATION_BUCKETS).classicOnly().withoutExemplars().register(registry);
        ackDelay = Histogram.builder().name("edeposit_ack_delay_seconds")
                .help("Time from a request's delivery to its ack (waiting, handling, confirms)").unit(Unit.SECONDS)
                .labelNames("daemon").classicUpperBounds(DURATION_BUCKETS).classicOnly().withoutExemplars().register(registry)
                .labelValues(daemon);
        reconnects = counter(registry, "edeposit_reconnects",
                "Times the daemon served again on a new connection after losing one").labelValues(daemon);
        channelFailures = counter(registry, "edeposit_channel_restarts",
                "Worker channels lost or failed (the daemon then reconnects)").labelValues(daemon);
        gauge(registry, "edeposit_requests_in_hand", "Requests being handled or answered", WorkerLoad::inHand);
        gauge(registry, "edeposit_requests_prefetched", "Requests delivered to a worker and not started",
                WorkerLoad::prefetched);
        gauge(registry, "edeposit_requests_awaiting_confirms",
                "Requests answered whose replies the broker has not confirmed yet", WorkerLoad::awaitingConfirms);
        GaugeWithCallback.builder().name("edeposit_broker_connected")
                .help("1 while serving on a connection to this broker node (host:port), 0 after losing it")
                .labelNames("daemon", "node").callback(callback -> {
                    String current = node;
                    if (current != null) {
                        callback.call(load != null ? 1 : 0, daemon, current);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("edeposit_last_success_age_seconds")
                .help("Seconds since a request was last answered with a result (since the start before the first)")
                .labelNames("daemon")
                .callback(callback -> callback.call((System.nanoTime() - lastSuccessNanos) / NANOS_PER_SECOND, daemon))
                .register(registry);
    }

    private Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        String[] names = new String[labels.length + 1];
        names[0] = "daemon";
        System.arraycopy(labels, 0, names, 1, labels.length);
        return Counter.builder().name(name).help(help).labelNames(names).withoutExemplars().register(registry);
    }

    private void gauge(PrometheusRegistry registry, String name, String help, ToIntFunction<WorkerLoad> count) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("daemon").callback(callback -> {
            WorkerLoad current = load;
            callback.call(current == null ? 0 : count.applyAsInt(current), daemon);
        }).register(registry);
    }

    static String typeName(Class<?> type) {
        if (type == UNDECODED.getClass()) {
            return "undecodable";
        }
        if (Record.class.isAssignableFrom(type)) {
            return MessageType.wireNameOf(type.asSubclass(Record.class));
        }
        return "other";
    }

    private Series series(Object request) {
        return byType.get(request == null ? Void.class : request.getClass());
    }

    @Override
    public void received(Object request) {
        series(request).received.inc();
    }

    @Override
    public void answered(Object request, long handlerNanos) {
        Series series = series(request);
        series.answered.inc();
        series.duration.observe(handlerNanos / NANOS_PER_SECOND);
        lastSuccessNanos = System.nanoTime();
    }

    @Override
    public void failed(Object request, Throwable error, long handlerNanos) {
        Series series = series(request);
        series.failed(PythonTypes.exceptionName(error)).inc();
        if (handlerNanos >= 0) {
            series.duration.observe(handlerNanos / NANOS_PER_SECOND);
        }
        if (error instanceof HandlerTimeoutError) {
            timeouts.labelValues(daemon, series.type).inc();
        }
    }

    @Override
    public void progressSent(Object request) {
        series(request).progress.inc();
    }

    @Override
    public void poisoned(Object request, boolean deadLettered) {
        String type = series(request).type;
        poisoned.labelValues(daemon, type).inc();
        if (deadLettered) {
            this.deadLettered.labelValues(daemon, type).inc();
        }
    }

    @Override
    public void acked(long nanos) {
        ackDelay.observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public void channelFailed() {
        channelFailures.inc();
    }

    @Override
    public void serving(String node, WorkerLoad load, boolean reconnected) {
        this.node = node;
        this.load = load;
        if (reconnected) {
            reconnects.inc();
        }
    }

    @Override
    public void notServing() {
        load = null;
    }
}
