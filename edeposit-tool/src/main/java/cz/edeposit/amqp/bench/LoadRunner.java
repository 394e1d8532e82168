package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.client.CallOptions;
import cz.edeposit.amqp.client.RpcClient;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one target with the RPC client: sequential round trips (one call in flight) and pipelined
 * calls (a fixed number in flight), measuring the worker's CPU time and memory around each phase.
 */
final class LoadRunner {

    private final RpcClient client;
    private final CallOptions options;

    LoadRunner(RpcClient client, Duration timeout) {
        this.client = client;
        this.options = CallOptions.defaults().withTimeout(timeout);
    }

    PhaseResult sequential(Target target, int calls) throws InterruptedException {
        long[] latencies = new long[calls];
        int failures = 0;
        String firstError = null;
        try (RssSampler rss = RssSampler.start(target.pid())) {
            ProcStats.CpuSample cpuBefore = cpu(target);
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long sent = System.nanoTime();
                String error = check(target, client.callRaw(target.host(), target.request(), options));
                latencies[i] = System.nanoTime() - sent;
                if (error != null) {
                    failures++;
                    firstError = firstError == null ? error : firstError;
                }
            }
            long elapsed = System.nanoTime() - start;
            return new PhaseResult(calls, failures, elapsed, PhaseResult.sorted(latencies), cpuDelta(target, cpuBefore),
                    rss.max(), firstError);
        }
    }

    PhaseResult pipelined(Target target, int calls, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        try (RssSampler rss = RssSampler.start(target.pid())) {
            ProcStats.CpuSample cpuBefore = cpu(target);
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                permits.acquire();
                client.callRaw(target.host(), target.request(), options).whenComplete((reply, error) -> {
                    String problem = error != null ? error.toString() : mismatch(target, reply);
                    if (problem != null) {
                        failures.incrementAndGet();
                        firstError.compareAndSet(null, problem);
                    }
                    permits.release();
                });
            }
            permits.acquire(inFlight); // every call has ended
            long elapsed = System.nanoTime() - start;
            permits.release(inFlight);
            return new PhaseResult(calls, failures.get(), elapsed, new long[0], cpuDelta(target, cpuBefore),
                    rss.max(), firstError.get());
        }
    }

    private static String check(Target target, CompletableFuture<byte[]> call) throws InterruptedException {
        try {
            return mismatch(target, call.get());
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }

    private static String mismatch(Target target, byte[] reply) {
        if (target.expected() == null || Arrays.equals(target.expected(), reply)) {
            return null;
        }
        return "reply differs from the request: " + new String(reply, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ProcStats.CpuSample cpu(Target target) {
        return target.pid() == null ? null : ProcStats.cpuSample(target.pid());
    }

    private static long cpuDelta(Target target, ProcStats.CpuSample before) {
        return target.pid() == null ? -1 : ProcStats.cpuMicrosSince(target.pid(), before);
    }

    /** Polls VmRSS every 50 ms while a phase runs and keeps the largest value. */
    private static final class RssSampler implements AutoCloseable {

        private final Long pid;
        private final AtomicLong max = new AtomicLong(-1);
        private final Thread thread;
        private volatile boolean running = true;

        private RssSampler(Long pid) {
            this.pid = pid;
            this.thread = new Thread(this::sample, "bench-rss-sampler");
            thread.setDaemon(true);
        }

        static RssSampler start(Long pid) {
            RssSampler sampler = new RssSampler(pid);
            if (pid != null) {
                sampler.thread.start();
            }
            return sampler;
        }

        private void sample() {
            while (running) {
                max.accumulateAndGet(ProcStats.rssKb(pid), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long max() {
            if (pid != null) {
                max.accumulateAndGet(ProcStats.rssKb(pid), Math::max);
            }
            return max.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
