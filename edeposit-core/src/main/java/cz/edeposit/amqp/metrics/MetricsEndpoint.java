package cz.edeposit.amqp.metrics;

import com.sun.net.httpserver.HttpExchange;
import cz.edeposit.amqp.rpc.RpcMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code --metrics-port} turns on: one HTTP server with the metrics of a daemon, or of every
 * daemon of a suite, each series labelled with its daemon, and the JVM's once, at {@code /metrics};
 * and {@code /healthz}: 200 {@code ok} while every daemon is connected and consuming with no stuck
 * worker, else 503 with the reason on one line, in a suite one line per daemon that is not healthy,
 * after its name ({@code pdfgen: not serving: ...}). A producer (which consumes no requests) has the
 * JVM's metrics, {@code edeposit_healthy}, {@code /healthz} and the counters of its own ({@link DaemonCounters}),
 * alone as in a suite.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final Map<String, DaemonMetrics> daemons = new LinkedHashMap<>();
    private final Map<String, Counter> ownCounters = new HashMap<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final boolean named;
    private final HTTPServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsEndpoint(List<String> daemons, Set<String> producers, boolean named, String address, int port)
            throws IOException {
        this.named = named;
        registerJvmMetrics(registry);
        RpcMetricFamilies families = new RpcMetricFamilies(registry);
        for (String daemon : daemons) {
            if (this.daemons.containsKey(daemon)) {
                throw new IllegalArgumentException("daemon '" + daemon + "' is named twice");
            }
            this.daemons.put(daemon, new DaemonMetrics(daemon,
                    producers.contains(daemon) ? RpcMetrics.NONE : new PrometheusRpcMetrics(daemon, families),
                    this::ownCounter));
        }
        // The one series every daemon has, a producer too: /healthz's verdict, for Prometheus to keep.
        GaugeWithCallback.builder().name("edeposit_healthy")
                .help("1 while /healthz counts the daemon healthy (serving, no stuck worker), else 0")
                .labelNames("daemon").callback(callback -> {
                    for (DaemonMetrics daemon : this.daemons.values()) {
                        callback.call(daemon.problem() == null ? 1 : 0, daemon.name());
                    }
                }).register(registry);
        try {
            server = HTTPServer.builder().hostname(address).port(port).registry(registry)
                    .registerHealthHandler(false).defaultHandler(this::serveHealth).buildAndStart();
        } catch (IOException | RuntimeException e) {
            throw new IOException("--metrics-port " + port + ": cannot listen on " + address + ":" + port + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Starts serving the metrics and health of daemon {@code daemon} on {@code address:port} (port 0
     * picks a free one, see {@link #port()}).
     *
     * @throws IOException naming the address and port, when it cannot listen there
     */
    public static MetricsEndpoint start(String daemon, String address, int port) throws IOException {
        return new MetricsEndpoint(List.of(daemon), Set.of(), false, address, port);
    }

    /**
     * As {@link #start}, for a daemon that consumes no requests (a producer): no request series, as in
     * {@link #startForSuite}.
     */
    public static MetricsEndpoint startForProducer(String daemon, String address, int port) throws IOException {
        return new MetricsEndpoint(List.of(daemon), Set.of(daemon), false, address, port);
    }

    /**
     * As {@link #start}, for the daemons of a suite: those of {@code producers} (which consume no
     * requests) are in {@code /healthz} only.
     *
     * @throws IllegalArgumentException when a daemon is named twice
     */
    public static MetricsEndpoint startForSuite(List<String> daemons, Set<String> producers, String address, int port)
            throws IOException {
        return new MetricsEndpoint(daemons, producers, true, address, port);
    }

    /**
     * The JVM's metrics as {@code JvmMetrics} has them, all read when scraped, but for the allocation
     * counters of {@code JvmMemoryPoolAllocationMetrics}: their GC listener makes the JVM build a
     * notification at every collection, which cost measurable CPU per request in the benchmark
     * (docs/performance.md, "Metrics on"); and for native memory, which needs -XX:NativeMemoryTracking.
     */
    private static void registerJvmMetrics(PrometheusRegistry registry) {
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /**
     * The part of daemon {@code name}.
     *
     * @throws IllegalArgumentException when this endpoint does not serve that daemon
     */
    public DaemonMetrics daemon(String name) {
        DaemonMetrics daemon = daemons.get(name);
        if (daemon == null) {
            throw new IllegalArgumentException("no metrics for daemon '" + name + "' here, only for " + daemons.keySet());
        }
        return daemon;
    }

    /** The family of a daemon's own counter {@code name} ({@link DaemonCounters}), registered when first asked for. */
    private synchronized Counter ownCounter(String name, String help) {
        return ownCounters.computeIfAbsent(name, unregistered -> Counter.builder().name(name).help(help)
                .labelNames("daemon").withoutExemplars().register(registry));
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    private void serveHealth(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            String body;
            if (!exchange.getRequestURI().getPath().equals("/healthz")) {
                status = 404;
                body = "not found: /metrics and /healthz are served here";
            } else {
                String problems = problems();
                status = problems.isEmpty() ? 200 : 503;
                body = problems.isEmpty() ? "ok" : problems;
            }
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Every daemon's problem, one a line, after its name in a suite; empty when there is none. */
    private String problems() {
        StringJoiner lines = new StringJoiner("\n");
        for (DaemonMetrics daemon : daemons.values()) {
            String problem = daemon.problem();
            if (problem != null) {
                lines.add(named ? daemon.name() + ": " + problem : problem);
            }
        }
        return lines.toString();
    }

    /** Stops listening; a second close does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }
}
