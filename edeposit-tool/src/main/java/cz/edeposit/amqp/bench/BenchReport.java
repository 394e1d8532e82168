package cz.edeposit.amqp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one run measured, printed as a table for people or as JSON for machines. With two
 * targets the last column is the ratio of the first (our daemon) to the second (the baseline); with
 * more ({@code --defaults}), a second table gives the ratio of each to the last (the raw worker).
 */
record BenchReport(Map<String, Object> machine, Map<String, Object> settings, List<Summary> targets) {

    void printTable(PrintWriter out) {
        out.println("Request/response benchmark");
        machine.forEach((key, value) -> out.printf(Locale.ROOT, "  %-22s %s%n", key, value));
        settings.forEach((key, value) -> out.printf(Locale.ROOT, "  %-22s %s%n", key, value));
        out.println();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-36s", ""));
        targets.forEach(t -> header.append(String.format(Locale.ROOT, "%14s", t.label())));
        if (targets.size() == 2) {
            header.append(String.format(Locale.ROOT, "%10s", "ratio"));
        }
        out.println(header);
        Map<String, Double> ratios = ratios();
        Summary.LABELS.forEach((key, label) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-36s", label));
            targets.forEach(t -> row.append(String.format(Locale.ROOT, "%14s", number(t.figures().get(key)))));
            if (ratios != null) {
                row.append(String.format(Locale.ROOT, "%10s", ratio(ratios.get(key))));
            }
            out.println(row);
        });
        if (targets.size() > 2) {
            Summary baseline = targets.get(targets.size() - 1);
            out.println();
            StringBuilder ratioHeader = new StringBuilder(String.format(Locale.ROOT, "%-36s", "ratio to " + baseline.label()));
            targets.subList(0, targets.size() - 1).forEach(t -> ratioHeader.append(String.format(Locale.ROOT, "%14s", t.label())));
            out.println(ratioHeader);
            Map<String, Map<String, Double>> all = ratiosToBaseline();
            Summary.LABELS.forEach((key, label) -> {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-36s", label));
                all.values().forEach(r -> row.append(String.format(Locale.ROOT, "%14s", ratio(r.get(key)))));
                out.println(row);
            });
        }
        for (Summary target : targets) {
            if (target.failures() > 0) {
                out.println(target.label() + ": " + target.failures() + " failed calls, first: " + target.firstError());
            }
        }
        out.flush();
    }

    void printJson(PrintWriter out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("settings", settings);
        List<Map<String, Object>> list = targets.stream().map(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("label", t.label());
            target.putAll(finite(t.figures()));
            target.put("failures", t.failures());
            target.put("first_error", t.firstError());
            target.put("rounds", t.perRound().stream().map(BenchReport::finite).toList());
            return target;
        }).toList();
        json.put("targets", list);
        Map<String, Double> ratios = ratios();
        if (ratios != null) {
            json.put("ratios", finite(ratios));
        }
        if (targets.size() > 2) {
            json.put("baseline", targets.get(targets.size() - 1).label());
            Map<String, Object> byTarget = new LinkedHashMap<>();
            ratiosToBaseline().forEach((label, r) -> byTarget.put(label, finite(r)));
            json.put("ratios_to_baseline", byTarget);
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    int failures() {
        return targets.stream().mapToInt(Summary::failures).sum();
    }

    private Map<String, Double> ratios() {
        return targets.size() == 2 ? targets.get(0).ratioTo(targets.get(1)) : null;
    }

    /** With more than two targets: each target but the last (the baseline), by label, to the last. */
    private Map<String, Map<String, Double>> ratiosToBaseline() {
        Summary baseline = targets.get(targets.size() - 1);
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        targets.subList(0, targets.size() - 1).forEach(t -> ratios.put(t.label(), t.ratioTo(baseline)));
        return ratios;
    }

    /** JSON has no NaN: unknown figures become null. */
    private static Map<String, Double> finite(Map<String, Double> figures) {
        Map<String, Double> copy = new LinkedHashMap<>();
        figures.forEach((key, value) -> copy.put(key, value == null || value.isNaN() ? null
                : Math.round(value * 1000) / 1000.0));
        return copy;
    }

    private static String number(Double value) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String ratio(Double value) {
        return value == null || value.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
