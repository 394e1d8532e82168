package cz.edeposit.amqp.bench;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.daemon.WorkKind;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Targets (1) and (2): declares this run's exchanges and queues, starts the echo daemon and the raw
 * worker in JVMs of their own, measures both, and removes everything again, also on Ctrl-C.
 */
final class LocalRun {

    static final String DAEMON = "RpcDaemon";
    static final String RAW = "raw worker";
    static final String METERED = "with metrics";

    /**
     * The request size limit whose default prefetch {@code --defaults} measures: that of the short-work
     * daemons with small requests (aleph's 1 MiB; the downloader's and the ftp manager's are smaller and
     * get the same prefetch).
     */
    static final long DEFAULTS_REQUEST_LIMIT = 1L << 20;

    /** How long a worker JVM may take to consume: generous, since a loaded machine starts several at once. */
    private static final Duration START_WAIT = Duration.ofSeconds(180);

    private final BenchCommand options;
    private final AmqpSettings amqp;
    private final List<WorkerProcess> processes = new ArrayList<>();

    LocalRun(BenchCommand options, AmqpSettings amqp) {
        this.options = options;
        this.amqp = amqp;
    }

    BenchReport run() throws IOException, InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createTempDirectory("edeposit-bench");
        Thread stopWorkers = new Thread(this::stopWorkers, "bench-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        Connection admin = BrokerConnection.open(amqp, options.vhost, "edeposit-bench " + run);
        BenchTopology topology = new BenchTopology(admin);
        try {
            if (options.defaults) {
                return defaults(topology, run, work);
            }
            HostSettings daemonHost = topology.declare(options.vhost, run, "daemon");
            HostSettings rawHost = topology.declare(options.vhost, run, options.metrics ? "metered" : "raw");
            Path emptyConfig = Files.createDirectory(work.resolve("config"));
            List<String> daemonArgs = List.of("start", "--foreground",
                    "--config-dir", emptyConfig.toString(), "--pid-dir", work.toString(),
                    "--workers", Integer.toString(options.workers), "--prefetch", Integer.toString(options.prefetch));
            WorkerProcess daemon = start(DAEMON, EchoBenchDaemon.class, daemonArgs, daemonHost, work);
            byte[] request = request();
            if (options.metrics) {
                // The same daemon twice, in JVMs of their own; a second PID directory keeps their files apart.
                Path meteredDir = Files.createDirectory(work.resolve("metered"));
                List<String> meteredArgs = new ArrayList<>(daemonArgs);
                meteredArgs.set(meteredArgs.indexOf(work.toString()), meteredDir.toString());
                meteredArgs.addAll(List.of("--metrics-port", Integer.toString(freePort())));
                WorkerProcess metered = start(METERED, EchoBenchDaemon.class, meteredArgs, rawHost, work);
                daemon.awaitConsuming(topology, daemonHost, START_WAIT);
                metered.awaitConsuming(topology, rawHost, START_WAIT);
                return new Measurement(options, amqp).run(List.of(
                        new Target(METERED, rawHost, request, request, metered.pid()),
                        new Target(DAEMON, daemonHost, request, request, daemon.pid())));
            }
            WorkerProcess raw = start(RAW, RawEchoWorker.class, List.of("--prefetch", Integer.toString(options.prefetch)),
                    rawHost, work);
            daemon.awaitConsuming(topology, daemonHost, START_WAIT);
            raw.awaitConsuming(topology, rawHost, START_WAIT);
            return new Measurement(options, amqp).run(List.of(
                    new Target(DAEMON, daemonHost, request, request, daemon.pid()),
                    new Target(RAW, rawHost, request, request, raw.pid())));
        } finally {
            stopWorkers();
            topology.close();
            admin.abort(5_000);
            removeQuietly(work);
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook does the same.
            }
        }
    }

    /**
     * {@code --defaults}: the echo daemon at each kind of work's default prefetch and workers, and tuned, each
     * in a JVM and a PID directory of its own, and the raw worker at {@code --prefetch}, in one measurement.
     */
    private BenchReport defaults(BenchTopology topology, String run, Path work) throws IOException, InterruptedException {
        byte[] request = request();
        List<Target> targets = new ArrayList<>();
        List<Runnable> awaits = new ArrayList<>();
        for (WorkKind kind : WorkKind.values()) {
            int prefetch = kind.defaultPrefetch(DEFAULTS_REQUEST_LIMIT);
            String label = kind.name().toLowerCase(java.util.Locale.ROOT) + " p" + prefetch;
            targets.add(daemonTarget(topology, run, work, label, kind.name().toLowerCase(java.util.Locale.ROOT),
                    List.of("--prefetch", Integer.toString(prefetch)), request, awaits));
        }
        String tuned = "tuned p" + options.prefetch + (options.workers > 1 ? " w" + options.workers : "");
        targets.add(daemonTarget(topology, run, work, tuned, "tuned", List.of("--prefetch",
                Integer.toString(options.prefetch), "--workers", Integer.toString(options.workers)), request, awaits));
        HostSettings rawHost = topology.declare(options.vhost, run, "raw");
        WorkerProcess raw = start(RAW, RawEchoWorker.class, List.of("--prefetch", Integer.toString(options.prefetch)),
                rawHost, work);
        awaits.add(() -> await(raw, topology, rawHost));
        awaits.forEach(Runnable::run);
        targets.add(new Target(RAW, rawHost, request, request, raw.pid()));
        return new Measurement(options, amqp).run(targets);
    }

    /** An echo daemon with the options {@code settings} on a queue and PID directory named {@code name}. */
    private Target daemonTarget(BenchTopology topology, String run, Path work, String label, String name,
                                List<String> settings, byte[] request, List<Runnable> awaits) throws IOException {
        HostSettings host = topology.declare(options.vhost, run, name);
        Path dir = Files.createDirectory(work.resolve(name));
        List<String> args = new ArrayList<>(List.of("start", "--foreground", "--config-dir",
                Files.createDirectories(work.resolve("config")).toString(), "--pid-dir", dir.toString()));
        args.addAll(settings);
        WorkerProcess daemon = start(label, EchoBenchDaemon.class, args, host, work);
        awaits.add(() -> await(daemon, topology, host));
        return new Target(label, host, request, request, daemon.pid());
    }

    private static void await(WorkerProcess worker, BenchTopology topology, HostSettings host) {
        try {
            worker.awaitConsuming(topology, host, START_WAIT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + worker.label, e);
        }
    }

    private byte[] request() {
        return new NtCodec(BenchEcho.TYPES).encode(new BenchEcho("x".repeat(options.payloadBytes)));
    }

    private WorkerProcess start(String label, Class<?> mainClass, List<String> args, HostSettings host, Path work)
            throws IOException {
        WorkerProcess process = WorkerProcess.start(label.replace(' ', '-'), options.jvmOptionList(), mainClass, args,
                amqp, host, work);
        synchronized (processes) {
            processes.add(process);
        }
        return process;
    }

    private void stopWorkers() {
        List<WorkerProcess> running;
        synchronized (processes) {
            running = List.copyOf(processes);
            processes.clear();
        }
        running.forEach(WorkerProcess::close);
    }

    /** A port free now, for the metered daemon's --metrics-port (on 127.0.0.1, which nothing else uses here). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void removeQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
