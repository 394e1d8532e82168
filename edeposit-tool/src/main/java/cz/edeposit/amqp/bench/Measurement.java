package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.client.RpcClient;
import cz.edeposit.amqp.daemon.WorkKind;
import cz.edeposit.amqp.settings.AmqpSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the warm-up and the measured rounds against the targets with one load client, alternating
 * the targets' order from round to round so that a drift of the machine's load hits both alike.
 */
final class Measurement {

    private final BenchCommand options;
    private final AmqpSettings amqp;

    Measurement(BenchCommand options, AmqpSettings amqp) {
        this.options = options;
        this.amqp = amqp;
    }

    BenchReport run(List<Target> targets) throws InterruptedException {
        String loadBefore = ProcStats.loadAverage();
        Map<String, List<Summary.Round>> rounds = new LinkedHashMap<>();
        targets.forEach(t -> rounds.put(t.label(), new ArrayList<>()));
        String clientId = "edeposit-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (RpcClient client = RpcClient.builder(amqp).clientId(clientId).build()) {
            LoadRunner runner = new LoadRunner(client, options.timeout());
            for (int i = 0; i < options.warmup; i++) {
                for (Target target : targets) {
                    runner.sequential(target, options.sequential);
                    runner.pipelined(target, options.pipelined, options.inFlight);
                }
            }
            for (int i = 0; i < options.rounds; i++) {
                List<Target> order = new ArrayList<>(targets);
                if (i % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (Target target : order) {
                    PhaseResult sequential = runner.sequential(target, options.sequential);
                    PhaseResult pipelined = runner.pipelined(target, options.pipelined, options.inFlight);
                    rounds.get(target.label()).add(new Summary.Round(sequential, pipelined));
                }
            }
        }
        List<Summary> summaries = new ArrayList<>();
        for (Target target : targets) {
            long peak = target.pid() != null && ProcStats.available(target.pid()) ? ProcStats.peakRssKb(target.pid()) : -1;
            summaries.add(Summary.of(target.label(), rounds.get(target.label()), peak));
        }
        return new BenchReport(machine(loadBefore), settings(targets), summaries);
    }

    private static Map<String, Object> machine(String loadBefore) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadavg_before", loadBefore);
        machine.put("loadavg_after", ProcStats.loadAverage());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return machine;
    }

    private Map<String, Object> settings(List<Target> targets) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("targets", targets.stream().map(t -> t.label() + " (vhost '" + t.host().vhost() + "', queue '"
                + t.host().inputQueue() + "'" + (t.pid() != null ? ", pid " + t.pid() : "") + ")").toList());
        settings.put("rounds", options.rounds + " measured after " + options.warmup + " warm-up; figures are medians,"
                + " ratios medians of per-round ratios");
        settings.put("sequential", options.sequential + " calls, 1 in flight");
        settings.put("pipelined", options.pipelined + " calls, " + options.inFlight + " in flight");
        settings.put("request_bytes", targets.get(0).request().length);
        if (options.defaults) {
            settings.put("defaults", "daemon at each kind of work's default prefetch (short work with requests up to "
                    + (LocalRun.DEFAULTS_REQUEST_LIMIT >> 20) + " MiB: " + WorkKind.SHORT.defaultPrefetch(LocalRun.DEFAULTS_REQUEST_LIMIT)
                    + ", long work: " + WorkKind.LONG.defaultPrefetch(LocalRun.DEFAULTS_REQUEST_LIMIT)
                    + ") and workers (1); tuned daemon and raw worker at the prefetch below");
        }
        if (options.host == null) {
            settings.put("prefetch", options.prefetch);
            settings.put("daemon_workers", options.workers);
            settings.put("jvm_options", options.jvmOptions);
        }
        return settings;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
