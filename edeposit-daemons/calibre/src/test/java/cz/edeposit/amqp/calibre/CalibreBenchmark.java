package cz.edeposit.amqp.calibre;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Time and memory of real calibre conversions, for docs/calibre.md; prints a table and asserts
 * nothing about speed. Not part of the test suite (its name matches neither *Test nor *IT); run:
 * {@code mvn -B -pl edeposit-core,edeposit-daemons -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=CalibreBenchmark -Dfailsafe.failIfNoSpecifiedTests=false}
 */
class CalibreBenchmark {

    private static final int RUNS = 3;
    private static final long SAMPLE_MILLIS = 50; // how often memory is sampled while a conversion runs

    @TempDir
    Path temp;

    /** One measured conversion: wall time and the peak memory of the converter's process tree. */
    private record Sample(long millis, long outputBytes, long peakRssKib, long peakPssKib) {
    }

    @Test
    void printsTimeAndMemoryOfEachConversion() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work"));
        CalibreSettings settings = new CalibreSettings(Path.of("/usr/bin/ebook-convert"), Duration.ofMinutes(10),
                CalibreSettings.MAX_OUTPUT_LIMIT, work, CalibreSettings.DEFAULT_MAX_WORK, true, Path.of("/usr/bin/bwrap"));
        EbookConvert converter = new EbookConvert(settings, System.getenv(), ConversionHandler.runningAsRoot());
        byte[] epub = once(converter, work, "txt", "epub", Samples.text()).output;

        System.out.printf("%ncalibre %s, %d CPUs; median of %d runs (1 for the long book); "
                        + "memory = peak sum over ebook-convert and its children%n", ConversionHandler.probe(settings, converter),
                Runtime.getRuntime().availableProcessors(), RUNS);
        System.out.printf("%-34s %10s %10s %9s %9s %9s%n", "conversion", "in bytes", "out bytes", "wall ms", "RSS MiB", "PSS MiB");
        row(converter, work, "txt to epub (pangram)", "txt", "epub", Samples.text(), RUNS);
        row(converter, work, "txt to pdf (pangram)", "txt", "pdf", Samples.text(), RUNS);
        row(converter, work, "html to pdf (one page)", "html", "pdf", Samples.html(), RUNS);
        row(converter, work, "epub to pdf (one page)", "epub", "pdf", epub, RUNS);
        row(converter, work, "epub to mobi", "epub", "mobi", epub, RUNS);
        row(converter, work, "long html to epub (1,500 pages)", "html", "epub", Samples.longHtml(), 1);
        row(converter, work, "long html to pdf (1,500 pages)", "html", "pdf", Samples.longHtml(), 1);
        parallel(converter, work, epub);
    }

    private void row(EbookConvert converter, Path work, String name, String in, String out, byte[] data, int runs)
            throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            samples.add(once(converter, work, in, out, data).sample);
        }
        samples.sort((a, b) -> Long.compare(a.millis(), b.millis()));
        Sample median = samples.get(samples.size() / 2);
        long rss = samples.stream().mapToLong(Sample::peakRssKib).max().orElse(0);
        long pss = samples.stream().mapToLong(Sample::peakPssKib).max().orElse(0);
        System.out.printf("%-34s %10d %10d %9d %9d %9d%n", name, data.length, median.outputBytes(), median.millis(),
                rss / 1024, pss / 1024);
    }

    /** Two epub-to-pdf conversions at once, as with --workers 2. */
    private void parallel(EbookConvert converter, Path work, byte[] epub) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long started = System.nanoTime();
            Sampler sampler = new Sampler();
            Future<?> a = pool.submit(() -> convert(converter, work, "epub", "pdf", epub));
            Future<?> b = pool.submit(() -> convert(converter, work, "epub", "pdf", epub));
            while (!a.isDone() || !b.isDone()) {
                sampler.sample();
                Thread.sleep(SAMPLE_MILLIS);
            }
            a.get();
            b.get();
            System.out.printf("%-34s %10d %10s %9d %9d %9d%n", "2 x epub to pdf at once", epub.length, "-",
                    (System.nanoTime() - started) / 1_000_000, sampler.peakRss / 1024, sampler.peakPss / 1024);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Measured(byte[] output, Sample sample) {
    }

    private Measured once(EbookConvert converter, Path work, String in, String out, byte[] data) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Sampler sampler = new Sampler();
            long started = System.nanoTime();
            Future<byte[]> result = pool.submit(() -> convert(converter, work, in, out, data));
            while (!result.isDone()) {
                sampler.sample();
                Thread.sleep(SAMPLE_MILLIS);
            }
            byte[] output = result.get();
            long millis = (System.nanoTime() - started) / 1_000_000;
            return new Measured(output, new Sample(millis, output.length, sampler.peakRss, sampler.peakPss));
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] convert(EbookConvert converter, Path work, String in, String out, byte[] data) throws Exception {
        try (WorkDir dir = WorkDir.create(work)) {
            Path input = Files.write(dir.resolve("input." + in), data);
            Path output = dir.resolve("output." + out);
            EbookConvert.Run run = converter.convert(dir, input, output);
            if (run.exitCode() != 0) {
                throw new IllegalStateException(in + " to " + out + " failed: " + run.lastLines());
            }
            return Base64.getMimeDecoder().decode(Output.base64(output, CalibreSettings.MAX_OUTPUT_LIMIT));
        }
    }

    /** Peak of the summed RSS and PSS (shared pages split between sharers) of this JVM's child processes. */
    private static final class Sampler {
        long peakRss;
        long peakPss;

        void sample() {
            long rss = 0;
            long pss = 0;
            for (ProcessHandle process : ProcessHandle.current().descendants().toList()) {
                rss += kib(process.pid(), "status", "VmRSS:");
                pss += kib(process.pid(), "smaps_rollup", "Pss:");
            }
            peakRss = Math.max(peakRss, rss);
            peakPss = Math.max(peakPss, pss);
        }

        private static long kib(long pid, String file, String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The process ended between listing and reading.
            }
            return 0;
        }
    }
}
