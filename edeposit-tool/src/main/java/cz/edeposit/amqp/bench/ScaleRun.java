package cz.edeposit.amqp.bench;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.client.RpcClient;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import cz.edeposit.amqp.tool.QueueType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures configurations of N echo daemon processes consuming one queue, side by side in one run:
 * every configuration gets its own queue, its processes and a load client of its own, all started
 * first; then each round measures every configuration in turn (the order reversed every other
 * round), so that a drift of a shared machine's load hits all of them alike. Everything is stopped
 * and deleted at the end, also on Ctrl-C.
 */
final class ScaleRun {

    /**
     * One configuration: {@code processes} daemon JVMs on a queue of {@code queueType}, they and
     * their load client connected to the nodes of {@code amqp}.
     */
    record Config(String label, AmqpSettings amqp, QueueType queueType, int processes) {
        String nodes() {
            return amqp.nodes().stream().map(Object::toString).collect(Collectors.joining(","));
        }
    }

    private static final Duration READY = Duration.ofSeconds(300);

    private final ScaleOptions options;
    private final String vhost;
    private final List<Long> brokerPids;
    private final List<WorkerProcess> processes = new ArrayList<>();

    /** @param brokerPids the broker nodes' processes whose CPU time is counted per request (may be empty) */
    ScaleRun(ScaleOptions options, String vhost, List<Long> brokerPids) {
        this.options = options;
        this.vhost = vhost;
        this.brokerPids = List.copyOf(brokerPids);
    }

    ScaleReport run(List<Config> configs) throws IOException, InterruptedException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createTempDirectory("edeposit-bench-scale");
        Thread stopWorkers = new Thread(this::stopWorkers, "bench-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        List<Connection> admins = new ArrayList<>();
        List<BenchTopology> topologies = new ArrayList<>();
        List<RpcClient> clients = new ArrayList<>();
        try {
            String loadBefore = ProcStats.loadAverage();
            List<HostSettings> hosts = new ArrayList<>();
            List<List<Long>> pids = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                Config config = configs.get(i);
                Connection admin = BrokerConnection.open(config.amqp(), vhost, "edeposit-bench " + run + " c" + i);
                admins.add(admin);
                BenchTopology topology = new BenchTopology(admin);
                topologies.add(topology);
                HostSettings host = topology.declare(vhost, run, "c" + i, config.queueType().arguments());
                hosts.add(host);
                // One configuration at a time: a dozen JVMs booting at once on a small machine take minutes.
                pids.add(startProcesses(config, i, host, work));
                awaitConsumers(topology, host, config.processes() * options.workers);
            }
            byte[] request = new NtCodec(BenchEcho.TYPES).encode(new BenchEcho("x".repeat(options.payloadBytes)));
            List<LoadRunner> runners = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                RpcClient client = RpcClient.builder(configs.get(i).amqp())
                        .clientId("edeposit-bench-" + run + "-c" + i).build();
                clients.add(client);
                runners.add(new LoadRunner(client, options.timeout()));
            }
            List<List<Map<String, Double>>> rounds = new ArrayList<>();
            configs.forEach(c -> rounds.add(new ArrayList<>()));
            int[] failures = new int[configs.size()];
            String[] firstErrors = new String[configs.size()];
            for (int round = -options.warmup; round < options.rounds; round++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < configs.size(); i++) {
                    order.add(i);
                }
                if (Math.floorMod(round, 2) == 1) {
                    Collections.reverse(order);
                }
                for (int i : order) {
                    Target target = new Target(configs.get(i).label(), hosts.get(i), request, request, null);
                    Map<Long, ProcStats.CpuSample> workerBefore = cpu(pids.get(i));
                    Map<Long, ProcStats.CpuSample> brokerBefore = cpu(brokerPids);
                    PhaseResult phase = runners.get(i).pipelined(target, options.calls, options.inFlight);
                    long workerCpu = cpuSince(workerBefore);
                    long brokerCpu = cpuSince(brokerBefore);
                    if (round < 0) {
                        continue; // warm-up
                    }
                    Map<String, Double> figures = new LinkedHashMap<>();
                    figures.put("calls", (double) phase.calls());
                    figures.put("answered", (double) (phase.calls() - phase.failures()));
                    figures.put("per_s", phase.perSecond());
                    figures.put("worker_cpu_us_per_request", (double) workerCpu / phase.calls());
                    figures.put("broker_cpu_us_per_request", brokerPids.isEmpty() ? Double.NaN
                            : (double) brokerCpu / phase.calls());
                    rounds.get(i).add(figures);
                    failures[i] += phase.failures();
                    firstErrors[i] = firstErrors[i] == null ? phase.firstError() : firstErrors[i];
                }
            }
            List<ScaleReport.Result> results = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                results.add(new ScaleReport.Result(configs.get(i), rounds.get(i), failures[i], firstErrors[i]));
            }
            return new ScaleReport(ScaleReport.machine(loadBefore), settings(configs), results);
        } finally {
            clients.forEach(RpcClient::close);
            stopWorkers();
            topologies.forEach(BenchTopology::close);
            admins.forEach(admin -> admin.abort(5_000));
            removeQuietly(work);
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook does the same.
            }
        }
    }

    private List<Long> startProcesses(Config config, int index, HostSettings host, Path work) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (int p = 1; p <= config.processes(); p++) {
            String label = "c" + index + "-p" + p;
            // A PID directory per process: two daemons of one name in one directory refuse to run.
            Path dir = Files.createDirectory(work.resolve(label));
            Path emptyConfig = Files.createDirectory(dir.resolve("config"));
            List<String> args = List.of("start", "--foreground", "--config-dir", emptyConfig.toString(),
                    "--pid-dir", dir.toString(), "--workers", Integer.toString(options.workers),
                    "--prefetch", Integer.toString(options.prefetch));
            WorkerProcess process = WorkerProcess.start(label, options.jvmOptionList(), EchoBenchDaemon.class, args,
                    config.amqp(), host, work);
            synchronized (processes) {
                processes.add(process);
            }
            pids.add(process.pid());
        }
        return pids;
    }

    private void awaitConsumers(BenchTopology topology, HostSettings host, int expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (topology.consumers(host) < expected) {
            List<WorkerProcess> running;
            synchronized (processes) {
                running = List.copyOf(processes);
            }
            for (WorkerProcess process : running) {
                if (ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive).isEmpty()) {
                    throw new IllegalStateException(process.label + " exited before consuming; its output:\n"
                            + process.output());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topology.consumers(host) + " of " + expected + " consumers on queue '"
                        + host.inputQueue() + "' after " + READY.toSeconds() + " s; the output of "
                        + running.get(running.size() - 1).label + ":\n" + running.get(running.size() - 1).output());
            }
            Thread.sleep(100); // polling the broker, not waiting for time to pass
        }
    }

    private Map<String, Object> settings(List<Config> configs) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("vhost", vhost);
        settings.put("rounds", options.rounds + " measured after " + options.warmup + " warm-up, the configurations"
                + " in turn (order reversed every other round); figures are medians, ratios medians of per-round ratios"
                + " to the first configuration");
        settings.put("calls", options.calls + " per round and configuration, " + options.inFlight + " in flight");
        settings.put("request_bytes", new NtCodec(BenchEcho.TYPES).encode(new BenchEcho("x".repeat(options.payloadBytes)))
                .length);
        settings.put("prefetch", options.prefetch);
        settings.put("daemon_workers", options.workers);
        settings.put("jvm_options", options.jvmOptions);
        settings.put("broker_pids", brokerPids.isEmpty() ? "none given: no broker CPU" : brokerPids.toString());
        return settings;
    }

    /** The CPU time of each of {@code pids} that runs, for {@link #cpuSince}. */
    private static Map<Long, ProcStats.CpuSample> cpu(List<Long> pids) {
        Map<Long, ProcStats.CpuSample> samples = new LinkedHashMap<>();
        for (long pid : pids) {
            if (ProcStats.available(pid)) {
                samples.put(pid, ProcStats.cpuSample(pid));
            }
        }
        return samples;
    }

    /** The summed CPU time of the processes of {@code before} since then, in microseconds; one that is gone counts 0. */
    private static long cpuSince(Map<Long, ProcStats.CpuSample> before) {
        long sum = 0;
        for (Map.Entry<Long, ProcStats.CpuSample> process : before.entrySet()) {
            if (ProcStats.available(process.getKey())) {
                sum += ProcStats.cpuMicrosSince(process.getKey(), process.getValue());
            }
        }
        return sum;
    }

    private void stopWorkers() {
        List<WorkerProcess> running;
        synchronized (processes) {
            running = List.copyOf(processes);
            processes.clear();
        }
        running.forEach(WorkerProcess::close);
    }

    private static void removeQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
