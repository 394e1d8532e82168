package cz.edeposit.amqp.downloader;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.downloader.DownloaderMessages.CheckExistence;
import cz.edeposit.amqp.downloader.DownloaderMessages.Download;
import cz.edeposit.amqp.downloader.DownloaderMessages.DownloadedFile;
import cz.edeposit.amqp.downloader.DownloaderMessages.Exists;
import cz.edeposit.amqp.downloader.DownloaderMessages.Progress;
import cz.edeposit.amqp.downloader.DownloaderMessages.ProgressDownload;
import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.TypeError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The downloader's structures have the field names of the Python peers, and only requests decode. */
class DownloaderMessagesTest {

    private final NtCodec codec = new NtCodec(DownloaderMessages.REQUESTS);

    private Object decode(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheThreeRequestsAsPythonSendsThem() {
        assertEquals(new Download("http://a/"), decode("{\"__nt_name\": \"Download\", \"url\": \"http://a/\"}"));
        assertEquals(new ProgressDownload("http://a/", 5),
                decode("{\"__nt_name\": \"ProgressDownload\", \"url\": \"http://a/\", \"steps\": 5}"));
        assertEquals(new CheckExistence("http://a/"), decode("{\"__nt_name\": \"CheckExistence\", \"url\": \"http://a/\"}"));
    }

    @Test
    void refusesRepliesAndForeignNamesAsRequests() {
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"DownloadedFile\", \"url\": \"x\", \"b64_data\": \"\"}"));
        assertThrows(KeyError.class, () -> decode("{\"__nt_name\": \"ScanFile\", \"filename\": \"x\", \"b64_data\": \"\"}"));
    }

    @Test
    void refusesAProgressDownloadWithoutSteps() {
        assertThrows(TypeError.class, () -> decode("{\"__nt_name\": \"ProgressDownload\", \"url\": \"http://a/\"}"));
    }

    private static void assertJson(String expected, String actual) throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(expected), json.readTree(actual), actual);
    }

    @Test
    void encodesRepliesWithThePythonFieldNames() throws Exception {
        assertJson("{\"__nt_name\": \"DownloadedFile\", \"url\": \"http://a/\", \"b64_data\": \"AAE=\"}",
                codec.encodeToString(new DownloadedFile("http://a/", "AAE=")));
        assertJson("{\"__nt_name\": \"Progress\", \"url\": \"http://a/\", \"step\": 2, \"downloaded\": 10, "
                        + "\"content_length\": -1}",
                codec.encodeToString(new Progress("http://a/", 2, 10, -1)));
        assertJson("{\"__nt_name\": \"Exists\", \"url\": \"http://a/\", \"result\": true, "
                        + "\"headers\": {\"Content-Length\": \"3\"}}",
                codec.encodeToString(new Exists("http://a/", true, Map.of("Content-Length", "3"))));
    }
}
