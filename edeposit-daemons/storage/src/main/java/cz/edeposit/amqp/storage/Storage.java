package cz.edeposit.amqp.storage;

import java.io.IOException;

/** The index and the file store of one daemon, opened together at start and closed together. */
final class Storage implements AutoCloseable {

    final StorageSettings settings;
    final StorageDatabase database;
    final FileStore files;
    final PublicationStore publications;
    final ArchiveStore archives;
    final TreeStore trees;
    final WebPaths paths;
    final ContentReferences references;
    final OrphanSweeper sweeper;

    private Storage(StorageSettings settings, StorageDatabase database, FileStore files) {
        this.settings = settings;
        this.database = database;
        this.files = files;
        Transactions transactions = new Transactions(database);
        this.references = new ContentReferences(transactions, files);
        this.publications = new PublicationStore(transactions, files, references);
        this.archives = new ArchiveStore(transactions, files, references, settings.archiveLimits());
        this.trees = new TreeStore(transactions);
        this.paths = new WebPaths(settings.web());
        this.sweeper = new OrphanSweeper(files, references, settings.sweep().grace(), java.time.Clock.systemUTC(),
                () -> StorageHandler.checkMounted(settings.hnasIndicator()));
    }

    /**
     * Empties the incoming directories (what a crash left there was never placed), then connects to
     * the index and migrates it; {@code connections} is the pool size.
     */
    static Storage open(StorageSettings settings, int connections) throws IOException {
        FileStore files = new LocalFileStore(settings.publicDir(), settings.privateDir(), settings.archiveDir());
        files.clearIncoming();
        return new Storage(settings, StorageDatabase.open(settings.database(), connections), files);
    }

    @Override
    public void close() {
        sweeper.close();
        database.close();
    }
}
