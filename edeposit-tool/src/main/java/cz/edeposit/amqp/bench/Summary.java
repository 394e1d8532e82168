package cz.edeposit.amqp.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one target over all measured rounds: medians of the per-round values, the largest
 * memory seen, and the failures.
 *
 * @param perRound each round's figures, in round order, so that two targets can be compared round by round
 */
record Summary(String label, Map<String, Double> figures, List<Map<String, Double>> perRound, int failures,
               String firstError) {

    /** Figure keys in table order, with their table labels. */
    static final Map<String, String> LABELS = labels();

    /** The figures measured in every round; the memory figures are one value per run. */
    private static final Map<String, ToDoubleFunction<Round>> PER_ROUND = perRoundFigures();

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

    private static Map<String, ToDoubleFunction<Round>> perRoundFigures() {
        Map<String, ToDoubleFunction<Round>> figures = new LinkedHashMap<>();
        figures.put("sequential_per_s", r -> r.sequential().perSecond());
        figures.put("sequential_p50_us", r -> r.sequential().percentileMicros(0.50));
        figures.put("sequential_p99_us", r -> r.sequential().percentileMicros(0.99));
        figures.put("sequential_cpu_us_per_request", r -> r.sequential().cpuMicrosPerRequest());
        figures.put("pipelined_per_s", r -> r.pipelined().perSecond());
        figures.put("pipelined_cpu_us_per_request", r -> r.pipelined().cpuMicrosPerRequest());
        return figures;
    }

    /** One round: a sequential and a pipelined phase. */
    record Round(PhaseResult sequential, PhaseResult pipelined) {
    }

    static Summary of(String label, List<Round> rounds, long peakRssKb) {
        List<Map<String, Double>> perRound = new ArrayList<>();
        for (Round round : rounds) {
            Map<String, Double> values = new LinkedHashMap<>();
            PER_ROUND.forEach((key, figure) -> values.put(key, figure.applyAsDouble(round)));
            perRound.add(values);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        PER_ROUND.keySet().forEach(key -> figures.put(key, median(perRound.stream().map(m -> m.get(key)).toList())));
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
        return new Summary(label, figures, perRound, failures, firstError);
    }

    /**
     * {@code this / baseline} for every figure. A figure measured in every round is compared round by
     * round, the two targets having run back to back, and the median of those ratios is taken: a
     * drift of the machine's load between rounds then cancels out. NaN where either is unknown.
     */
    Map<String, Double> ratioTo(Summary baseline) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        figures.forEach((key, value) -> {
            if (PER_ROUND.containsKey(key) && perRound.size() == baseline.perRound().size()) {
                List<Double> paired = new ArrayList<>();
                for (int i = 0; i < perRound.size(); i++) {
                    paired.add(perRound.get(i).get(key) / baseline.perRound().get(i).get(key));
                }
                ratios.put(key, median(paired));
            } else {
                double base = baseline.figures().getOrDefault(key, Double.NaN);
                ratios.put(key, base == 0 ? Double.NaN : value / base);
            }
        });
        return ratios;
    }

    private static double median(List<Double> list) {
        double[] values = list.stream().mapToDouble(Double::doubleValue)
                .filter(v -> !Double.isNaN(v) && !Double.isInfinite(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
