package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.wire.ValueError;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.downloader.DownloaderMessages.CheckExistence;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.DownloadedFile;
import cz.edeposit.amqp.downloader.DownloaderMessages.Exists;
import cz.edeposit.amqp.downloader.DownloaderMessages.Progress;
import cz.edeposit.amqp.downloader.DownloaderMessages.ProgressDownload;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;

/** Answers {@code Download}, {@code ProgressDownload} and {@code CheckExistence} (docs/downloader.md). */
final class DownloaderHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(DownloaderHandler.class);

    /** RabbitMQ's default {@code max_message_size}, 128 MiB. */
    private static final long BROKER_DEFAULT_MAX_MESSAGE = 128L * 1024 * 1024;

    /**
     * Heap per byte of the largest body: its base64 text in pieces, the joined text, and the JSON
     * reply built from it (measured with the launcher's options: a 64 MiB download needs
     * -Xmx267m, DownloaderHeapBenchmark).
     */
    private static final long HEAP_PER_BODY_BYTE = 4;
    private static final long HEAP_BASELINE = 64L * 1024 * 1024;

    private final HttpFetcher http;

    DownloaderHandler(DownloaderSettings settings) {
        this(new HttpFetcher(settings));
    }

    DownloaderHandler(HttpFetcher http) {
        this.http = http;
    }

    /** The daemon's handler: reads {@code downloader.json} and warns when the broker or the heap cannot take its largest body. */
    static DownloaderHandler create(DaemonEnvironment environment) {
        DownloaderSettings settings = DownloaderSettings.load(environment);
        log.info("Downloads: connect timeout {}, read timeout {}, total timeout {}, at most {} bytes; allowed networks {},"
                + " denied networks {}", Durations.text(settings.connectTimeout()), Durations.text(settings.readTimeout()),
                Durations.text(settings.totalTimeout()), settings.maxSize(), settings.destinations().allow(),
                settings.destinations().deny());
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

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        if (request instanceof Download download) {
            return download(download.url(), (downloaded, length) -> { });
        }
        if (request instanceof ProgressDownload progress) {
            return progressDownload(progress, context);
        }
        if (request instanceof CheckExistence check) {
            return checkExistence(check);
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    private DownloadedFile download(String url, HttpFetcher.BodyListener listener) throws Exception {
        return downloadedFile(url, fetch(url, listener));
    }

    /** The original never sent a Progress (it left out {@code url}); here every report has it. */
    private DownloadedFile progressDownload(ProgressDownload request, RpcContext context) throws Exception {
        if (request.steps() < 1) {
            throw new ValueError("steps must be at least 1, not " + request.steps());
        }
        String url = request.url();
        ProgressTracker tracker = new ProgressTracker(request.steps());
        HttpFetcher.Body body = fetch(url, (downloaded, length) ->
                report(context, url, tracker.due(downloaded, length), downloaded, length));
        long downloaded = body.size();
        report(context, url, tracker.end(downloaded, body.contentLength()), downloaded, body.contentLength());
        return downloadedFile(url, body);
    }

    private HttpFetcher.Body fetch(String url, HttpFetcher.BodyListener listener) throws Exception {
        URI uri = UrlPolicy.check(url);
        long started = System.nanoTime();
        HttpFetcher.Body body = http.get(uri, listener);
        log.info("Downloaded {} bytes from {} in {} ms", body.size(), UrlPolicy.safe(uri),
                (System.nanoTime() - started) / 1_000_000);
        return body;
    }

    private static DownloadedFile downloadedFile(String url, HttpFetcher.Body body) {
        return new DownloadedFile(url, body.base64());
    }

    private static void report(RpcContext context, String url, int step, long downloaded, long length) throws Exception {
        if (step > 0) {
            context.progress(new Progress(url, step, downloaded, length));
        }
    }

    /**
     * HEAD without redirects; like the original, any failure (status 400 or more, network) means
     * "no". A destination that is not allowed is never probed: that is an {@link InvalidURL} reply,
     * as for a {@code file:} URL, so the answer says nothing about what listens there.
     */
    private Exists checkExistence(CheckExistence request) throws InterruptedException {
        URI uri = UrlPolicy.check(request.url());
        try {
            HttpFetcher.Head head = http.head(uri);
            if (head.status() < 400) {
                return new Exists(request.url(), true, head.headers());
            }
            log.info("CheckExistence {}: status {}", UrlPolicy.safe(uri), head.status());
        } catch (ConnectionError e) {
            log.info("CheckExistence {}: {}", UrlPolicy.safe(uri), e.getMessage());
        }
        return new Exists(request.url(), false, Map.of());
    }
}
