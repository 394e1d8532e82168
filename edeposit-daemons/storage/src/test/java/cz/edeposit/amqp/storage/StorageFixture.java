package cz.edeposit.amqp.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A store on one {@link TestDatabase} with its three directories under a test's directory. */
final class StorageFixture implements AutoCloseable {

    final TestDatabase kind;
    final StorageSettings.DatabaseSettings databaseSettings;
    final StorageDatabase database;
    final Path publicDir;
    final Path privateDir;
    final Path archiveDir;
    final LocalFileStore files;
    final Transactions transactions;
    final ContentReferences references;
    final PublicationStore publications;

    StorageFixture(TestDatabase kind, Path dir) throws Exception {
        this.kind = kind;
        publicDir = Files.createDirectories(dir.resolve("public"));
        privateDir = Files.createDirectories(dir.resolve("private"));
        archiveDir = Files.createDirectories(dir.resolve("archive"));
        databaseSettings = kind.create(dir);
        database = StorageDatabase.open(databaseSettings, 8);
        files = new LocalFileStore(publicDir, privateDir, archiveDir);
        transactions = new Transactions(database);
        references = new ContentReferences(transactions, files);
        publications = new PublicationStore(transactions, files, references);
    }

    /** Every regular file under {@code root}, outside the incoming directory. */
    static long placedFiles(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith(LocalFileStore.INCOMING)).count();
        }
    }

    @Override
    public void close() throws Exception {
        database.close();
        kind.drop(databaseSettings);
    }
}
