package cz.edeposit.amqp.aleph;

import cz.edeposit.amqp.marc.EPublication;

import cz.edeposit.amqp.aleph.AlephQuery.AuthorQuery;
import cz.edeposit.amqp.aleph.AlephQuery.ISBNQuery;
import cz.edeposit.amqp.aleph.AlephRequest.SearchRequest;
import cz.edeposit.amqp.rpc.RpcContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints figures for docs/aleph.md (not a test): record extraction throughput, and search latency
 * against the loopback X-Services at the default and at the licensed request rate.
 *
 * <pre>
 * mvn -q -pl edeposit-core,edeposit-daemons -am test-compile
 * cd edeposit-daemons && java -cp "target/test-classes:target/classes:$(mvn -q dependency:build-classpath \
 *     -Dmdep.outputFile=/dev/stdout)" cz.edeposit.amqp.aleph.AlephBenchmark
 * </pre>
 */
public final class AlephBenchmark {

    private static final RpcContext CONTEXT = new RpcContext() {
        @Override
        public String uuid() {
            return "benchmark";
        }

        @Override
        public String routingKey() {
            return "request";
        }

        @Override
        public boolean redelivered() {
            return false;
        }

        @Override
        public void progress(Object message) {
            throw new IllegalStateException("the aleph handler sends no progress");
        }
    };

    private AlephBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        extraction();
        try (FakeAleph aleph = FakeAleph.withCatalogue()) {
            for (int rate : new int[] {10, AlephSettings.LICENSED_REQUESTS_PER_SECOND}) {
                AlephHandler handler = new AlephHandler(new AlephSettings(URI.create(aleph.url()), "nkc", "CZE01",
                        URI.create(aleph.url() + FakeAleph.EXPORT_PATH), "edeposit", "edeposit", 30, rate,
                        Duration.ofSeconds(10), Duration.ofSeconds(30), 16L * 1024 * 1024));
                search(handler, rate, new SearchRequest(new ISBNQuery("978-80-7422-551-2", null)), "ISBN search, 2 records", 20);
                search(handler, rate, new SearchRequest(new AuthorQuery("Lipková", null)), "author search, 30 records", 3);
            }
        }
    }

    private static void extraction() {
        String xml = FakeAleph.fixture("present-monograph.xml");
        for (int i = 0; i < 2_000; i++) {
            AlephRecords.fromPresent("nkc", "CZE01", xml);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int rounds = 10_000;
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            AlephRecords.fromPresent("nkc", "CZE01", xml);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / rounds;
        System.out.printf(Locale.ROOT, "record extraction (parse + EPublication + SemanticInfo, %d-byte answer): "
                + "%.0f µs CPU per record (%.0f records/s of one core); wall %.0f µs per record%n",
                xml.length(), cpuMicros, 1e6 / cpuMicros, seconds * 1e6 / rounds);
    }

    private static void search(AlephHandler handler, int rate, SearchRequest request, String what, int rounds)
            throws Exception {
        handler.handle(request, CONTEXT);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            handler.handle(request, CONTEXT);
        }
        double millis = (System.nanoTime() - start) / 1e6 / rounds;
        System.out.printf(Locale.ROOT, "%s at %d requests/s: %.1f ms per search%n", what, rate, millis);
    }
}
