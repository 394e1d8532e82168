package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.rpc.RpcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code edeposit-downloaderd}: fetches http and https URLs for AMQP clients (host {@code downloader}). */
public final class DownloaderDaemon {

    /** The help text is the original's description line. */
    public static final DaemonSpec SPEC = new DaemonSpec("downloader", "edeposit-downloaderd",
            "AMQP binding for downloader.", "downloader", DownloaderMessages.REQUESTS,
            DownloaderDaemon::handler, DownloaderDaemon.class);

    /** RabbitMQ's default {@code max_message_size}, 128 MiB. */
    private static final long BROKER_DEFAULT_MAX_MESSAGE = 128L * 1024 * 1024;

    /**
     * Heap per byte of the largest body: its base64 text in pieces, the joined text, and the JSON
     * reply built from it (measured with the launcher's options: a 64 MiB download needs
     * -Xmx267m, DownloaderHeapBenchmark).
     */
    private static final long HEAP_PER_BODY_BYTE = 4;
    private static final long HEAP_BASELINE = 64L * 1024 * 1024;

    private DownloaderDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }

    static RpcHandler handler(DaemonEnvironment environment) {
        DownloaderSettings settings = DownloaderSettings.from(
                environment.load(DownloaderSettings.SCHEMA, DownloaderSettings.FILE_NAME));
        Logger log = LoggerFactory.getLogger(DownloaderDaemon.class);
        log.info("Downloads: connect timeout {}, read timeout {}, at most {} bytes",
                Durations.text(settings.connectTimeout()), Durations.text(settings.readTimeout()), settings.maxSize());
        if (settings.maxSize() / 3 * 4 > BROKER_DEFAULT_MAX_MESSAGE) {
            log.warn("DOWNLOADER_MAX_SIZE {} makes replies of up to {} bytes of base64; RabbitMQ refuses messages over its"
                    + " max_message_size (default {}): raise it in rabbitmq.conf or lower DOWNLOADER_MAX_SIZE",
                    settings.maxSize(), settings.maxSize() / 3 * 4, BROKER_DEFAULT_MAX_MESSAGE);
        }
        long needed = HEAP_PER_BODY_BYTE * settings.maxSize() * environment.workers() + HEAP_BASELINE;
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < needed) {
            log.warn("{} worker(s) downloading up to DOWNLOADER_MAX_SIZE {} bytes need about {} MiB of heap, but the heap"
                    + " is {} MiB: raise it (JAVA_OPTS=-Xmx{}m) or lower DOWNLOADER_MAX_SIZE, or a large download"
                    + " ends the daemon with an OutOfMemoryError", environment.workers(), settings.maxSize(),
                    needed >> 20, heap >> 20, needed >> 20);
        }
        return new DownloaderHandler(settings);
    }
}
