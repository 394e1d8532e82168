package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.downloader.DownloaderMessages.CheckExistence;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.DownloadedFile;
import cz.edeposit.amqp.downloader.DownloaderMessages.Exists;
import cz.edeposit.amqp.downloader.DownloaderMessages.Progress;
import cz.edeposit.amqp.downloader.DownloaderMessages.ProgressDownload;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;

/** Answers {@code Download}, {@code ProgressDownload} and {@code CheckExistence} (submodules.md §9). */
final class DownloaderHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(DownloaderHandler.class);

    private final HttpFetcher http;

    DownloaderHandler(DownloaderSettings settings) {
        this.http = new HttpFetcher(settings);
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
        log.info("Downloaded {} bytes from {} in {} ms", body.size(), uri, (System.nanoTime() - started) / 1_000_000);
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

    /** HEAD without redirects; like the original, any failure (status 400 or more, network) means "no". */
    private Exists checkExistence(CheckExistence request) throws InterruptedException {
        URI uri = UrlPolicy.check(request.url());
        try {
            HttpFetcher.Head head = http.head(uri);
            if (head.status() < 400) {
                return new Exists(request.url(), true, head.headers());
            }
            log.info("CheckExistence {}: status {}", uri, head.status());
        } catch (ConnectionError e) {
            log.info("CheckExistence {}: {}", uri, e.getMessage());
        }
        return new Exists(request.url(), false, Map.of());
    }
}
