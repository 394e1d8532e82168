package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.storage.StorageMessages.Publication;
import cz.edeposit.amqp.storage.StorageMessages.SaveRequest;
import cz.edeposit.amqp.storage.StorageMessages.Tree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The download server over real HTTP on loopback, read with java.net.http. */
class DownloadServerTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private TestStorage storage;
    private DownloadServer server;

    private void start(Path hnas, String password) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        storage = TestStorage.open(TestDatabase.H2, dir, port, hnas, 1 << 20, 10, 1000, password);
        server = DownloadServer.start(storage.storage);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    private Publication save(String uuid, String title, boolean isPublic, String filename, String content)
            throws Exception {
        return (Publication) storage.handler.handle(new SaveRequest(new Publication(title, null, null, null, null,
                uuid, null, null, isPublic, filename, false, null,
                Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)), null, null)), null);
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return storage.settings.web().baseUrl().toString();
    }

    @Test
    void servesAPublicPdfInlineFromTheReturnedUrlWithRangesAndHead() throws Exception {
        start(null, null);
        Publication saved = save("u-1", "Kniha", true, "kniha.pdf", "%PDF-0123456789");
        HttpResponse<String> whole = get(saved.url());
        assertEquals(200, whole.statusCode());
        assertEquals("%PDF-0123456789", whole.body());
        assertEquals("application/pdf", whole.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("inline; filename=\"kniha.pdf\"; filename*=UTF-8''kniha.pdf",
                whole.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());
        HttpResponse<String> part = get(saved.url(), "Range", "bytes=5-7");
        assertEquals(206, part.statusCode());
        assertEquals("012", part.body());
        assertEquals("bytes 5-7/15", part.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("789", get(saved.url(), "Range", "bytes=-3").body());
        HttpResponse<String> beyond = get(saved.url(), "Range", "bytes=15-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */15", beyond.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(saved.url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("15", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void otherFilesAreAttachmentsWithTheirUtf8Name() throws Exception {
        start(null, null);
        Publication saved = save("u-2", "Kniha", true, "Příliš žluťoučký.epub", "EPUB");
        HttpResponse<String> response = get(saved.url());
        assertEquals("application/epub+zip", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"P__li_ _lu_ou_k_.epub\"; filename*=UTF-8''P%C5%99%C3%ADli%C5%A1%20"
                        + "%C5%BElu%C5%A5ou%C4%8Dk%C3%BD.epub",
                response.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void aPrivateFileIsA403CzechPageAndAnUnknownOneA404() throws Exception {
        start(null, null);
        Publication saved = save("u-3", "Tajná", false, "t.pdf", "SECRET BYTES");
        HttpResponse<String> response = get(saved.url());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("není veřejně přístupná"), response.body());
        assertFalse(response.body().contains("SECRET"));
        assertEquals(404, get(base() + "/UUID/nobody").statusCode());
        assertEquals(404, get(base() + "/elsewhere").statusCode());
    }

    @Test
    void treePagesShowOnlyPublicNodesAndLinkOnlyPublicPublications() throws Exception {
        start(null, null);
        Publication open = save("p-open", "Otevřené číslo", true, "a.pdf", "A");
        save("p-closed", "Zavřené číslo", false, "b.pdf", "B");
        Tree hidden = new Tree("skryté", List.of(), List.of(), null, null, false, List.of());
        Tree year = new Tree("2014 & co", List.of(), List.of("p-open", "p-closed"), null, null, true, List.of());
        storage.handler.handle(new SaveRequest(new Tree("Noviny", List.of(year, hidden), List.of(), null, "1234-5678",
                true, List.of())), null);
        HttpResponse<String> root = get(base() + "/tree_by_issn/1234-5678");
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("2014 &amp; co"), root.body());
        assertFalse(root.body().contains("skryté"), root.body());
        assertTrue(root.body().contains("<a href=\"" + open.url() + "\">Otevřené číslo</a>"), root.body());
        assertFalse(root.body().contains("Zavřené"), root.body());
        assertEquals(200, get(base() + "/tree_by_path/Noviny/2014%20%26%20co").statusCode());
        assertEquals(404, get(base() + "/tree_by_path/Noviny/sk%C5%99yt%C3%A9").statusCode());
        assertEquals(404, get(base() + "/tree_by_path/Noviny/skryt%C3%A9").statusCode());
        assertEquals(404, get(base() + "/tree_by_issn/0000-0000").statusCode());
    }

    @Test
    void theIndexListsPublicPublicationsAndAsksForAPasswordWhenPrivate() throws Exception {
        start(null, "heslo");
        save("u-4", "Veřejná kniha", true, "v.pdf", "V");
        save("u-5", "Neveřejná kniha", false, "n.pdf", "N");
        assertEquals(401, get(base() + "/").statusCode());
        String wrong = "Basic " + Base64.getEncoder().encodeToString("edeposit:jine".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, get(base() + "/", "Authorization", wrong).statusCode());
        String right = "Basic " + Base64.getEncoder().encodeToString("edeposit:heslo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> index = get(base() + "/", "Authorization", right);
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("Veřejná kniha"), index.body());
        assertFalse(index.body().contains("Neveřejná"), index.body());
    }

    @Test
    void answers503WhileTheHnasIndicatorIsMissing() throws Exception {
        Path indicator = dir.resolve("mounted");
        Files.writeString(indicator, "");
        start(indicator, null);
        Publication saved = save("u-6", "K", true, "k.pdf", "K");
        Files.delete(indicator);
        assertEquals(503, get(saved.url()).statusCode());
        Files.writeString(indicator, "");
        assertEquals(200, get(saved.url()).statusCode());
    }
}
