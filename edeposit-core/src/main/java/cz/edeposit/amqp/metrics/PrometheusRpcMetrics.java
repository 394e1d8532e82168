package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.rpc.HandlerTimeoutError;
import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.wire.PythonTypes;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RpcMetrics} as Prometheus metrics, every one labelled with the daemon's name and, where it
 * is about a request, the request's {@code __nt_name} ({@code undecodable} when it could not be decoded,
 * {@code other} for a value that is not a structure). The series of each request type are looked up
 * once and kept, so that counting a request allocates nothing; exemplars are off, as no tracing
 * would fill them and sampling them costs time on every request. One object serves a daemon for the
 * life of its JVM: in a suite a daemon restarted by the suite keeps it, so its counters go on
 * counting, and a serving after its first counts as a reconnect. docs/monitoring.md lists the metrics.
 */
final class PrometheusRpcMetrics implements RpcMetrics {

    private static final double NANOS_PER_SECOND = 1e9;

    private final String daemon;
    private final RpcMetricFamilies families;
    private final DistributionDataPoint ackDelay;
    private final CounterDataPoint reconnects;
    private final CounterDataPoint channelFailures;
    private final ClassValue<Series> byType = new ClassValue<>() {
        @Override
        protected Series computeValue(Class<?> type) {
            return new Series(typeName(type));
        }
    };
    private volatile long lastSuccessNanos = System.nanoTime();
    private volatile WorkerLoad load;
    private volatile String node;
    private volatile boolean servedBefore;

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
            this.received = families.received.labelValues(daemon, type);
            this.answered = families.answered.labelValues(daemon, type);
            this.progress = families.progress.labelValues(daemon, type);
            this.duration = families.handlerDuration.labelValues(daemon, type);
        }

        CounterDataPoint failed(String exception) {
            CounterDataPoint known = failed.get(exception); // no capturing lambda once the series exists
            return known != null ? known : failed.computeIfAbsent(exception,
                    name -> families.failed.labelValues(daemon, type, name));
        }
    }

    /**
     * Reports daemon {@code daemon} to {@code families}.
     *
     * @throws IllegalArgumentException when a daemon of that name reports there already
     */
    PrometheusRpcMetrics(String daemon, RpcMetricFamilies families) {
        this.daemon = daemon;
        this.families = families;
        ackDelay = families.ackDelay.labelValues(daemon);
        reconnects = families.reconnects.labelValues(daemon);
        channelFailures = families.channelFailures.labelValues(daemon);
        families.add(this);
    }

    String name() {
        return daemon;
    }

    /** What its workers hold while it serves, else null. */
    WorkerLoad load() {
        return load;
    }

    /** The broker node ({@code host:port}) it served on last, or null before it first served. */
    String node() {
        return node;
    }

    double lastSuccessAgeSeconds() {
        return (System.nanoTime() - lastSuccessNanos) / NANOS_PER_SECOND;
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
            families.timeouts.labelValues(daemon, series.type).inc();
        }
    }

    @Override
    public void progressSent(Object request) {
        series(request).progress.inc();
    }

    @Override
    public void poisoned(Object request, boolean deadLettered) {
        String type = series(request).type;
        families.poisoned.labelValues(daemon, type).inc();
        if (deadLettered) {
            families.deadLettered.labelValues(daemon, type).inc();
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
        if (reconnected || servedBefore) { // servedBefore: a suite's restart of the daemon is a new supervisor
            reconnects.inc();
        }
        servedBefore = true;
    }

    @Override
    public void notServing() {
        load = null;
    }
}
