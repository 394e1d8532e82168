package cz.edeposit.amqp.downloader;

import com.fasterxml.jackson.annotation.JsonProperty;
import cz.edeposit.amqp.codec.MessageType;
import cz.edeposit.amqp.codec.TypeRegistry;

import java.util.Map;

/**
 * The downloader's structures as they travel on the wire (docs/downloader.md, "Messages"), and its decode allow-list.
 */
public final class DownloaderMessages {

    /** Fetch {@code url} with GET (redirects followed); answered by {@link DownloadedFile}. */
    public record Download(String url) {
    }

    /** Like {@link Download}, reporting {@link Progress} about {@code steps} times before the {@link DownloadedFile}. */
    public record ProgressDownload(String url, int steps) {
    }

    /** Ask with HEAD (redirects not followed) whether {@code url} exists; answered by {@link Exists}. */
    public record CheckExistence(String url) {
    }

    /** The whole body of {@code url}, base64-encoded. */
    public record DownloadedFile(String url, @JsonProperty("b64_data") String b64Data) {
    }

    /**
     * One progress report of a {@link ProgressDownload}.
     *
     * @param step          1 to {@code steps} with a known length; counting up by one per 64 KiB without one
     * @param downloaded    bytes received so far
     * @param contentLength the announced {@code Content-Length}, or -1 when the server sent none
     */
    public record Progress(String url, int step, long downloaded,
                           @JsonProperty("content_length") long contentLength) {
    }

    /**
     * Whether HEAD {@code url} answered with a status below 400, and that response's headers (name to
     * value, repeated headers joined with {@code ", "}); {@code false} and no headers otherwise.
     */
    public record Exists(String url, boolean result, Map<String, String> headers) {
    }

    /** The only structures a request to the downloader may contain. */
    public static final TypeRegistry REQUESTS = TypeRegistry.of(
            MessageType.of(Download.class),
            MessageType.of(ProgressDownload.class),
            MessageType.of(CheckExistence.class));

    private DownloaderMessages() {
    }
}
