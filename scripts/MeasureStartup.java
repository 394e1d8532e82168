import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The figures of docs/performance.md, measured on this machine (run by scripts/measure-startup):
 * {@code --help} latency of the launchers, and how long {@code edeposit-downloaderd start} takes
 * until it prints {@code started with pid} (the daemon consumes then), in a throw-away vhost; each
 * for the distribution without any class archive, with the archives the launchers make by
 * themselves (lib/class-cache.sh, in a cache directory of the run's own, made by the warm-up runs),
 * and for a copy with the static archive of bin/edeposit-class-archive, the three alternating run
 * by run so that the drift of a shared machine's load falls on all.
 *
 * <p>Usage: {@code MeasureStartup DIST RUNS}
 */
public final class MeasureStartup {

    /** One way of running the distribution. */
    private record Variant(String name, Path home, Map<String, String> env) {
    }

    /**
     * What one run measured: wall-clock and CPU ms; for a start, the CPU of the launcher's processes other than
     * the daemon's JVM (the shell, its class archive key) and of the daemon's JVM until it consumed, and its RSS KiB.
     */
    private record Run(long wall, long cpu, long launcherCpu, long daemonCpu, long rssKiB) {
    }

    /** One measurement, run in one variant. */
    @FunctionalInterface
    private interface Measurement {
        Run run(Variant variant) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        Path work = Files.createTempDirectory("edeposit-measure");
        try {
            Variant plain = new Variant("no class archive", dist, Map.of("EDEPOSIT_CACHE_DIR", ""));
            Variant cached = new Variant("archive made itself", dist,
                    Map.of("EDEPOSIT_CACHE_DIR", work.resolve("cache").toString()));
            Variant archived = new Variant("hand-made archive", withArchive(dist, work), Map.of("EDEPOSIT_CACHE_DIR", ""));
            System.out.printf("machine: %d cores, load average %s; %s%n", Runtime.getRuntime().availableProcessors(),
                    load(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            System.out.printf("%d runs each, the variants alternating: wall-clock median (min-max), CPU time median%n%n",
                    runs);
            List<Variant> variants = List.of(plain, cached, archived);
            report("edeposit-downloaderd --help", runs, variants,
                    variant -> timed(variant, List.of(bin(variant, "edeposit-downloaderd"), "--help")));
            report("edeposit-amqp-tool --help", runs, variants,
                    variant -> timed(variant, List.of(bin(variant, "edeposit-amqp-tool"), "--help")));
            measureStart(runs, variants, work);
            System.out.printf("%nload average at the end %s%n", load());
        } finally {
            deleteTree(work);
        }
    }

    /** A copy of the distribution (an archive is valid where it was made only) with its class archive. */
    private static Path withArchive(Path dist, Path work) throws Exception {
        Path copy = work.resolve(dist.getFileName());
        try (var files = Files.walk(dist)) {
            for (Path file : files.toList()) {
                Path relative = dist.relativize(file);
                if (!relative.startsWith("lib/cds")) {
                    Files.copy(file, copy.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        // The archives of the two launchers measured (one per launcher: each has its own class path).
        Process archive = new ProcessBuilder(copy.resolve("bin/edeposit-class-archive").toString(),
                "edeposit-downloaderd", "edeposit-amqp-tool")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (archive.waitFor() != 0) {
            throw new IllegalStateException("bin/edeposit-class-archive failed");
        }
        return copy;
    }

    private static void measureStart(int runs, List<Variant> variants, Path work) throws Exception {
        String vhost = "edeposit-measure-" + UUID.randomUUID().toString().substring(0, 8);
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("amqp.json"), "{\"RABBITMQ_DOWNER_VIRTUALHOST\": \"" + vhost + "\"}");
        management("PUT", vhost);
        try {
            AmqpSettings amqp = AmqpSettings.load(new ConfigLocator(config, Map.of(), config), Map.of());
            declareSchema(amqp, amqp.host("downloader"));
            List<String> common = new ArrayList<>(List.of("--config-dir", config.toString(), "--pid-dir",
                    work.resolve("run").toString(), "--log-file", work.resolve("downloaderd.log").toString()));
            // e.g. EDEPOSIT_MEASURE_OPTIONS="--metrics-port 9555": the start-up with metrics on.
            String extra = System.getenv().getOrDefault("EDEPOSIT_MEASURE_OPTIONS", "").strip();
            if (!extra.isEmpty()) {
                common.addAll(List.of(extra.split("\\s+")));
            }
            Path pidFile = work.resolve("run/edeposit-downloader.pid");
            report("edeposit-downloaderd start (until 'started with pid')", runs, variants, variant -> {
                List<String> start = new ArrayList<>(List.of(bin(variant, "edeposit-downloaderd"), "start"));
                start.addAll(common);
                Run started = timed(variant, start);
                String pid = Files.readString(pidFile).strip();
                long daemonCpu = cpuMillis(pid, 11);
                long rss = rssKiB(pid);
                List<String> stop = new ArrayList<>(List.of(bin(variant, "edeposit-downloaderd"), "stop"));
                stop.addAll(common);
                timed(variant, stop);
                return new Run(started.wall(), started.cpu() + daemonCpu, started.cpu(), daemonCpu, rss);
            });
        } finally {
            management("DELETE", vhost);
        }
    }

    private static void report(String what, int runs, List<Variant> variants, Measurement measurement) throws Exception {
        List<List<Run>> results = new ArrayList<>();
        for (Variant variant : variants) {
            // Warms the file cache; the first run writes the launcher's own archive, the second adopts it.
            measurement.run(variant);
            measurement.run(variant);
            results.add(new ArrayList<>());
        }
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < variants.size(); i++) {
                int index = round % 2 == 0 ? i : variants.size() - 1 - i;
                results.get(index).add(measurement.run(variants.get(index)));
            }
        }
        System.out.println(what);
        for (int i = 0; i < variants.size(); i++) {
            List<Run> all = results.get(i);
            List<Long> wall = sorted(all, Run::wall);
            String line = String.format("  %-22s %5d ms (%d-%d) %6d ms CPU", variants.get(i).name(), median(wall),
                    wall.get(0), wall.get(wall.size() - 1), median(sorted(all, Run::cpu)));
            if (all.get(0).rssKiB() > 0) {
                line += String.format(" (launcher %d ms, daemon %d ms); idle daemon %d MiB RSS",
                        median(sorted(all, Run::launcherCpu)), median(sorted(all, Run::daemonCpu)),
                        median(sorted(all, Run::rssKiB)) / 1024);
            }
            System.out.println(line);
        }
    }

    private static List<Long> sorted(List<Run> runs, java.util.function.ToLongFunction<Run> figure) {
        List<Long> values = new ArrayList<>(runs.stream().map(run -> figure.applyAsLong(run)).toList());
        Collections.sort(values);
        return values;
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Runs {@code command}; its wall-clock time and the CPU time it and its ended children used (not a
     * daemon it started, which has not ended: {@link #measureStart} reads that one's from /proc).
     */
    private static Run timed(Variant variant, List<String> command) throws Exception {
        long cpuBefore = cpuMillis("self", 13);
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(variant.env());
        Process process = builder.start();
        int exit = process.waitFor();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(command + " exited " + exit);
        }
        long cpu = cpuMillis("self", 13) - cpuBefore;
        return new Run(millis, cpu, cpu, 0, 0);
    }

    /** Two consecutive CPU fields of /proc/PID/stat (utime+stime at 11, cutime+cstime at 13), in ms. */
    private static long cpuMillis(String pid, int index) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[index]) + Long.parseLong(fields[index + 1]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static long rssKiB(String pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static String bin(Variant variant, String launcher) {
        return variant.home().resolve("bin").resolve(launcher).toString();
    }

    private static String load() throws Exception {
        return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Declares what {@code edeposit-amqp-tool --create} would (docs/tool.md, "The schema"). */
    private static void declareSchema(AmqpSettings amqp, HostSettings host) throws Exception {
        try (Connection connection = BrokerConnection.open(amqp, host.vhost(), "edeposit measure-startup");
             Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(host.exchange(), "topic", true, false, false, null);
            for (Map.Entry<String, String> queue : host.queues().entrySet()) {
                channel.queueDeclare(queue.getKey(), true, false, false, null);
                channel.queueBind(queue.getKey(), host.exchange(), queue.getValue());
            }
        }
    }

    private static void management(String method, String vhost) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:15672/api/vhosts/" + vhost))
                .header("Authorization", "Basic " + credentials)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " vhost " + vhost + ": HTTP " + response.statusCode());
        }
    }
}
