package cz.edeposit.amqp.bench;

import java.util.Arrays;

/**
 * The outcome of one phase (sequential or pipelined) against one target.
 *
 * @param latencies  round-trip times in nanoseconds, sorted; empty for pipelined phases
 * @param cpuMicros  CPU time the worker process used during the phase, or -1 without a PID
 * @param maxRssKb   the largest VmRSS seen during the phase, or -1
 * @param firstError the first failure's message, or {@code null}
 */
record PhaseResult(int calls, int failures, long elapsedNanos, long[] latencies, long cpuMicros, long maxRssKb,
                   String firstError) {

    double perSecond() {
        return calls * 1e9 / elapsedNanos;
    }

    double cpuMicrosPerRequest() {
        return cpuMicros < 0 ? Double.NaN : (double) cpuMicros / calls;
    }

    double percentileMicros(double fraction) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(latencies.length - 1, Math.ceil(fraction * latencies.length) - 1);
        return latencies[Math.max(0, index)] / 1_000.0;
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
