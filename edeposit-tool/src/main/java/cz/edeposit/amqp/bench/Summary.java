package cz.edeposit.amqp.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one target over all measured rounds: medians of the per-round values, the largest
 * memory seen, and the failures.
 */
record Summary(String label, Map<String, Double> figures, int failures, String firstError) {

    /** Figure keys in table order, with their table labels. */
    static final Map<String, String> LABELS = labels();

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("sequential_per_s", "sequential: requests/s");
        labels.put("sequential_p50_us", "sequential: p50 latency us");
        labels.put("sequential_p99_us", "sequential: p99 latency us");
        labels.put("sequential_cpu_us_per_request", "sequential: worker CPU us/request");
        labels.put("pipelined_per_s", "pipelined: requests/s");
        labels.put("pipelined_cpu_us_per_request", "pipelined: worker CPU us/request");
        labels.put("rss_mb_under_load", "worker VmRSS MB under load (max)");
        labels.put("peak_rss_mb", "worker VmHWM MB at the end");
        return labels;
    }

    /** One round: a sequential and a pipelined phase. */
    record Round(PhaseResult sequential, PhaseResult pipelined) {
    }

    static Summary of(String label, List<Round> rounds, long peakRssKb) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("sequential_per_s", median(rounds, r -> r.sequential().perSecond()));
        figures.put("sequential_p50_us", median(rounds, r -> r.sequential().percentileMicros(0.50)));
        figures.put("sequential_p99_us", median(rounds, r -> r.sequential().percentileMicros(0.99)));
        figures.put("sequential_cpu_us_per_request", median(rounds, r -> r.sequential().cpuMicrosPerRequest()));
        figures.put("pipelined_per_s", median(rounds, r -> r.pipelined().perSecond()));
        figures.put("pipelined_cpu_us_per_request", median(rounds, r -> r.pipelined().cpuMicrosPerRequest()));
        long maxRss = rounds.stream().mapToLong(r -> Math.max(r.sequential().maxRssKb(), r.pipelined().maxRssKb()))
                .max().orElse(-1);
        figures.put("rss_mb_under_load", maxRss < 0 ? Double.NaN : maxRss / 1024.0);
        figures.put("peak_rss_mb", peakRssKb < 0 ? Double.NaN : peakRssKb / 1024.0);
        int failures = 0;
        String firstError = null;
        for (Round round : rounds) {
            for (PhaseResult phase : List.of(round.sequential(), round.pipelined())) {
                failures += phase.failures();
                firstError = firstError == null ? phase.firstError() : firstError;
            }
        }
        return new Summary(label, figures, failures, firstError);
    }

    /** Each round's value of {@code figure}, in round order, for the JSON output. */
    static List<Double> perRound(List<Round> rounds, ToDoubleFunction<Round> figure) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(round -> values.add(figure.applyAsDouble(round)));
        return values;
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> figure) {
        double[] values = rounds.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** {@code this / baseline} for every figure; NaN where either is unknown. */
    Map<String, Double> ratioTo(Summary baseline) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        figures.forEach((key, value) -> {
            double base = baseline.figures().getOrDefault(key, Double.NaN);
            ratios.put(key, base == 0 ? Double.NaN : value / base);
        });
        return ratios;
    }
}
