import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.rpc.BrokerConnection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.HostSettings;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The figures of docs/performance.md, measured on this machine (run by scripts/measure-startup):
 * {@code --help} latency of the launchers, and how long {@code edeposit-downloaderd start} takes
 * until it prints {@code started with pid} (the daemon consumes then), in a throw-away vhost.
 *
 * <p>Usage: {@code MeasureStartup DIST RUNS}
 */
public final class MeasureStartup {

    private static Path dist;

    public static void main(String[] args) throws Exception {
        dist = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        String load = String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        System.out.printf("machine: %d cores, load average %s; %s%n", Runtime.getRuntime().availableProcessors(),
                load, javaVersion());
        System.out.printf("%d runs each: wall-clock median (min-max), CPU time median%n%n", runs);
        report("edeposit-downloaderd --help", runs, () -> timed(List.of(bin("edeposit-downloaderd"), "--help"), null));
        if (Files.exists(dist.resolve("lib")) && toolPresent()) {
            report("edeposit-amqp-tool --help", runs, () -> timed(List.of(bin("edeposit-amqp-tool"), "--help"), null));
        } else {
            System.out.println("edeposit-amqp-tool --help: the tool is not in this distribution");
        }
        measureStart(runs);
    }

    private static void measureStart(int runs) throws Exception {
        String vhost = "edeposit-measure-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createTempDirectory("edeposit-measure");
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("amqp.json"), "{\"RABBITMQ_DOWNER_VIRTUALHOST\": \"" + vhost + "\"}");
        management("PUT", vhost);
        try {
            AmqpSettings amqp = AmqpSettings.load(new ConfigLocator(config, Map.of(), config), Map.of());
            declareSchema(amqp, amqp.host("downloader"));
            List<String> common = List.of("--config-dir", config.toString(), "--pid-dir", work.resolve("run").toString(),
                    "--log-file", work.resolve("downloaderd.log").toString());
            List<Long> rss = new ArrayList<>();
            report("edeposit-downloaderd start (until 'started with pid')", runs, () -> {
                List<String> start = new ArrayList<>(List.of(bin("edeposit-downloaderd"), "start"));
                start.addAll(common);
                Path pidFile = work.resolve("run/edeposit-downloader.pid");
                long[] figures = timed(start, pidFile);
                rss.add(rssKiB(pidFile));
                List<String> stop = new ArrayList<>(List.of(bin("edeposit-downloaderd"), "stop"));
                stop.addAll(common);
                timed(stop, null);
                return figures;
            });
            Collections.sort(rss);
            System.out.printf("%-52s %d MiB%n", "resident memory of the idle daemon (median)", rss.get(rss.size() / 2) / 1024);
        } finally {
            management("DELETE", vhost);
            try (var files = Files.walk(work)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void report(String what, int runs, Supplier<long[]> measurement) {
        measurement.get(); // warm the file cache
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long[] figures = measurement.get();
            wall.add(figures[0]);
            cpu.add(figures[1]);
        }
        Collections.sort(wall);
        Collections.sort(cpu);
        System.out.printf("%-52s %5d ms (%d-%d) %7d ms%n", what, wall.get(wall.size() / 2), wall.get(0),
                wall.get(wall.size() - 1), cpu.get(cpu.size() / 2));
    }

    /**
     * Runs {@code command}; returns its wall-clock time and the CPU time it used, including, when
     * {@code pidFile} is given, the CPU of the detached daemon whose PID it holds so far.
     */
    private static long[] timed(List<String> command, Path pidFile) {
        try {
            long cpuBefore = childrenCpuMillis();
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int exit = process.waitFor();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (exit != 0) {
                throw new IllegalStateException(command + " exited " + exit);
            }
            long cpu = childrenCpuMillis() - cpuBefore;
            if (pidFile != null) {
                cpu += cpuMillis(Files.readString(pidFile).strip(), 11);
            }
            return new long[] {millis, cpu};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time of this JVM's ended children (cutime + cstime). */
    private static long childrenCpuMillis() throws Exception {
        return cpuMillis("self", 13);
    }

    /** Two consecutive CPU fields of /proc/PID/stat (utime+stime at 11, cutime+cstime at 13), in ms. */
    private static long cpuMillis(String pid, int index) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[index]) + Long.parseLong(fields[index + 1]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    private static long rssKiB(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).strip();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bin(String launcher) {
        return dist.resolve("bin").resolve(launcher).toString();
    }

    private static boolean toolPresent() throws Exception {
        for (File jar : dist.resolve("lib").toFile().listFiles((dir, name) -> name.startsWith("edeposit-tool-"))) {
            try (var file = new java.util.jar.JarFile(jar)) {
                if (file.getEntry("cz/edeposit/amqp/tool/AmqpTool.class") != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** Declares what {@code edeposit-amqp-tool --create} would (wire-protocol.md §2.3). */
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
