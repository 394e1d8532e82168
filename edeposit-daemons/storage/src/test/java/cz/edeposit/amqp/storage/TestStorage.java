package cz.edeposit.amqp.storage;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** A whole {@link Storage} on one {@link TestDatabase}, its directories under a test's directory. */
final class TestStorage implements AutoCloseable {

    final TestDatabase kind;
    final StorageSettings settings;
    final Storage storage;
    final StorageHandler handler;

    private TestStorage(TestDatabase kind, StorageSettings settings) throws Exception {
        this.kind = kind;
        this.settings = settings;
        this.storage = Storage.open(settings, 8);
        this.handler = new StorageHandler(storage);
    }

    /** With a download server address of 127.0.0.1:{@code port} and the given limits. */
    static TestStorage open(TestDatabase kind, Path dir, int port, Path hnas, long maxReply, long archiveEntries,
                            long archiveBytes, String password) throws Exception {
        StorageSettings.WebSettings web = new StorageSettings.WebSettings(true, "127.0.0.1", port,
                URI.create("http://127.0.0.1:" + port), "UUID", "tree_by_path", "tree_by_issn", password != null,
                "edeposit", password == null ? "" : password);
        StorageSettings settings = new StorageSettings(Files.createDirectories(dir.resolve("public")),
                Files.createDirectories(dir.resolve("private")), Files.createDirectories(dir.resolve("archive")), hnas,
                web, kind.create(dir), maxReply, new StorageSettings.ArchiveLimits(archiveEntries, archiveBytes));
        return new TestStorage(kind, settings);
    }

    static TestStorage open(TestDatabase kind, Path dir) throws Exception {
        return open(kind, dir, 8080, null, 64L << 20, 1000, 1L << 20, null);
    }

    /** Every file under the three roots, the incoming directories included: what a request wrote. */
    long allFiles() throws Exception {
        long count = 0;
        for (Path root : new Path[] {settings.publicDir(), settings.privateDir(), settings.archiveDir()}) {
            try (var walk = Files.walk(root)) {
                count += walk.filter(Files::isRegularFile).count();
            }
        }
        return count;
    }

    @Override
    public void close() throws Exception {
        storage.close();
        kind.drop(settings.database());
    }
}
