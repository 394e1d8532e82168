package cz.edeposit.amqp.metrics;

import com.sun.net.httpserver.HttpExchange;
import cz.edeposit.amqp.rpc.Heartbeat;
import cz.edeposit.amqp.rpc.RpcMetrics;
import cz.edeposit.amqp.rpc.ServiceState;
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
import java.util.function.Consumer;

/**
 * What {@code --metrics-port} turns on: one HTTP server with the daemon's metrics and the JVM's at
 * {@code /metrics}, and {@code /healthz}: 200 {@code ok} while connected and consuming with no stuck
 * worker, else 503 with the reason on one line.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final PrometheusRpcMetrics metrics;
    private final ServiceHealth health = new ServiceHealth();
    private final HTTPServer server;

    private MetricsEndpoint(String daemon, String address, int port) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registerJvmMetrics(registry);
        metrics = new PrometheusRpcMetrics(daemon, registry);
        try {
            server = HTTPServer.builder().hostname(address).port(port).registry(registry)
                    .registerHealthHandler(false).defaultHandler(this::serveHealth).buildAndStart();
        } catch (IOException | RuntimeException e) {
            throw new IOException("--metrics-port " + port + ": cannot listen on " + address + ":" + port + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Starts serving on {@code address:port} (port 0 picks a free one, see {@link #port()}).
     *
     * @throws IOException naming the address and port, when it cannot listen there
     */
    public static MetricsEndpoint start(String daemon, String address, int port) throws IOException {
        return new MetricsEndpoint(daemon, address, port);
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

    /** What the RPC machinery reports to. */
    public RpcMetrics metrics() {
        return metrics;
    }

    /** What the supervisor's states go to, for {@code /healthz}. */
    public Consumer<ServiceState> health() {
        return health;
    }

    /** What the supervision loop's heartbeats go to, so that {@code /healthz} reports a stuck worker. */
    public Heartbeat heartbeat() {
        return health;
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
                String problem = health.problem();
                status = problem == null ? 200 : 503;
                body = problem == null ? "ok" : problem;
            }
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
