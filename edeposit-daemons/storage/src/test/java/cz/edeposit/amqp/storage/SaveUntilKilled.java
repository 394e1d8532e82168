package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * A child JVM for {@link CrashSafetyTest}: four threads save publications (two of up to 17 KiB, two of up to 4.25 MiB) under
 * five uuids, again and again, until it is killed; prints {@code saved N} after each. Arguments: the
 * directory, the JDBC URL.
 */
public final class SaveUntilKilled {

    private SaveUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        StorageSettings.WebSettings web = new StorageSettings.WebSettings(false, "127.0.0.1", 8080,
                URI.create("http://127.0.0.1:8080"), "UUID", "tree_by_path", "tree_by_issn", false, "edeposit", "");
        StorageSettings settings = new StorageSettings(dir.resolve("public"), dir.resolve("private"),
                dir.resolve("archive"), null, web, new StorageSettings.DatabaseSettings(args[1], "", ""), 1 << 20,
                new StorageSettings.ArchiveLimits(10, 1 << 20));
        Storage storage = Storage.open(settings, 8);
        StorageHandler handler = new StorageHandler(storage);
        java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
        // four workers: concurrent commits are what made H2 return from a commit before storing it
        for (int w = 0; w < 4; w++) {
            // two workers with small files (many commits, many releases), two with large ones (kills mid-write)
            int size = w < 2 ? 1 << 10 : 256 << 10;
            Thread worker = new Thread(() -> {
                Random random = new Random();
                byte[] content = new byte[size + random.nextInt(16 * size)];
                while (true) {
                    int i = saves.incrementAndGet();
                    random.nextBytes(content);
                    String data = Base64.getMimeEncoder().encodeToString(content);
                    try {
                        // a few uuids again and again: replacements and moves, so that files are released as well as placed
                        handler.handle(new SaveRequest(new Publication("T" + i, null, null, null, null, "u-" + (i % 5),
                                null, null, random.nextInt(3) != 0, "f.pdf", false, null, data, null, null)), null);
                        System.out.println("saved " + i);
                    } catch (Exception e) {
                        System.out.println("failed " + i + ": " + e); // a race lost 8 times: the next save goes on
                    }
                    System.out.flush();
                }
            });
            worker.start();
        }
    }
}
