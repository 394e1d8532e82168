package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * A child JVM for {@link CrashSafetyTest}: saves publications of a few MiB, again and again, until
 * it is killed; prints {@code saved N} after each. Arguments: the directory, the JDBC URL.
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
        Storage storage = Storage.open(settings, 4);
        StorageHandler handler = new StorageHandler(storage);
        Random random = new Random();
        byte[] content = new byte[3 << 20];
        for (int i = 0; ; i++) {
            random.nextBytes(content);
            String data = Base64.getMimeEncoder().encodeToString(content);
            // a few uuids again and again: replacements, so that files are deleted as well as placed
            handler.handle(new SaveRequest(new Publication("T" + i, null, null, null, null, "u-" + (i % 5), null, null,
                    i % 3 != 0, "f.pdf", false, null, data, null, null)), null);
            System.out.println("saved " + i);
            System.out.flush();
        }
    }
}
