package cz.edeposit.amqp.marcxml2mods;

import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionRequest;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsMessages.ConversionResponse;
import cz.edeposit.amqp.testing.RecordingContext;
import java.util.Locale;

/**
 * Prints records per second of the handler on one warm thread, parsing, mapping, schema validation
 * and serialization included (docs/marcxml2mods.md, "Figures"); not a test. Run it with
 * {@code scripts/measure-heap marcxml2mods --throughput}.
 */
final class Marcxml2modsBenchmark {

    private static final int RECORDS = 100;
    private static final int WARM_UP_ROUNDS = 30;
    private static final int ROUNDS = 30;

    private Marcxml2modsBenchmark() {
    }

    public static void main(String[] args) {
        Marcxml2modsHandler handler = new Marcxml2modsHandler(new Marcxml2modsSettings(RECORDS));
        ConversionRequest request = new ConversionRequest(BenchmarkRecords.collection(RECORDS), "bench", "http://x/");
        RecordingContext context = new RecordingContext();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            handler.handle(request, context);
        }
        long bytes = 0;
        long started = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            ConversionResponse response = (ConversionResponse) handler.handle(request, context);
            bytes += response.modsFiles().get(RECORDS - 1).length();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "JVM %s %s, %d processor(s)%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%d records of %d bytes of MARC XML, one warm thread: %.0f records/s"
                + " (%.2f ms a record, validation included; last MODS %d chars)%n", ROUNDS * RECORDS,
                BenchmarkRecords.record(1).length(), ROUNDS * RECORDS / seconds, seconds * 1000 / (ROUNDS * RECORDS),
                bytes / ROUNDS);
    }
}
