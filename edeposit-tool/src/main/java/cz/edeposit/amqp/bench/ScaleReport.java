package cz.edeposit.amqp.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a scaling run measured: per configuration the pipelined requests per second, its ratio to
 * the first configuration (the baseline), and the CPU time of the daemon processes and of the broker
 * nodes per request; a table for people or JSON for machines.
 */
record ScaleReport(Map<String, Object> machine, Map<String, Object> settings, List<Result> results) {

    /** One configuration's per-round figures ({@code per_s}, {@code worker_cpu_us_per_request}, ...). */
    record Result(ScaleRun.Config config, List<Map<String, Double>> rounds, int failures, String firstError) {

        double median(String key) {
            return ScaleReport.median(rounds.stream().map(r -> r.get(key)).toList());
        }

        long sum(String key) {
            return rounds.stream().mapToLong(r -> r.get(key).longValue()).sum();
        }

        /** The median of the per-round ratios of requests/s, both configurations having run in the same rounds. */
        double ratioTo(Result baseline) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(rounds.size(), baseline.rounds().size()); i++) {
                ratios.add(rounds.get(i).get("per_s") / baseline.rounds().get(i).get("per_s"));
            }
            return ScaleReport.median(ratios);
        }
    }

    static Map<String, Object> machine(String loadBefore) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("loadavg_before", loadBefore);
        machine.put("loadavg_after", ProcStats.loadAverage());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    int failures() {
        return results.stream().mapToInt(Result::failures).sum();
    }

    void printTable(PrintWriter out) {
        out.println("Scaling benchmark: N echo daemon processes on one queue, pipelined calls");
        machine.forEach((key, value) -> out.printf(Locale.ROOT, "  %-16s %s%n", key, value));
        settings.forEach((key, value) -> out.printf(Locale.ROOT, "  %-16s %s%n", key, value));
        out.println();
        out.printf(Locale.ROOT, "%-22s %9s %11s %10s %17s %17s %8s%n", "configuration", "processes", "requests/s",
                "x baseline", "daemon CPU us/req", "broker CPU us/req", "failures");
        Result baseline = results.get(0);
        for (Result result : results) {
            out.printf(Locale.ROOT, "%-22s %9d %11s %10s %17s %17s %8d%n", result.config().label(),
                    result.config().processes(), number(result.median("per_s")), ratio(result.ratioTo(baseline)),
                    number(result.median("worker_cpu_us_per_request")),
                    number(result.median("broker_cpu_us_per_request")), result.failures());
        }
        for (Result result : results) {
            if (result.failures() > 0) {
                out.println(result.config().label() + ": " + result.failures() + " failed calls, first: "
                        + result.firstError());
            }
        }
        out.flush();
    }

    void printJson(PrintWriter out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("settings", settings);
        Result baseline = results.get(0);
        json.put("configurations", results.stream().map(result -> {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("label", result.config().label());
            config.put("queue_type", result.config().queueType().name());
            config.put("nodes", result.config().nodes());
            config.put("processes", result.config().processes());
            config.put("per_s", finite(result.median("per_s")));
            config.put("ratio_to_baseline", finite(result.ratioTo(baseline)));
            config.put("worker_cpu_us_per_request", finite(result.median("worker_cpu_us_per_request")));
            config.put("broker_cpu_us_per_request", finite(result.median("broker_cpu_us_per_request")));
            config.put("calls", result.sum("calls"));
            config.put("answered", result.sum("answered"));
            config.put("failures", result.failures());
            config.put("first_error", result.firstError());
            config.put("rounds", result.rounds().stream().map(round -> {
                Map<String, Double> copy = new LinkedHashMap<>();
                round.forEach((key, value) -> copy.put(key, finite(value)));
                return copy;
            }).toList());
            return config;
        }).toList());
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    static double median(List<Double> list) {
        double[] values = list.stream().mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** JSON has no NaN: an unknown figure becomes null. */
    private static Double finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 1000) / 1000.0;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
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
