package cz.edeposit.amqp.storage;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import cz.edeposit.amqp.storage.StorageMessages.Publication;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /UUID/<uuid>}: a public file, streamed, whole or one byte range; 403 for private, 404 for unknown. */
final class FileResponses {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("epub", "application/epub+zip"),
            Map.entry("mobi", "application/x-mobipocket-ebook"), Map.entry("azw3", "application/vnd.amazon.ebook"),
            Map.entry("djvu", "image/vnd.djvu"), Map.entry("zip", "application/zip"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("xml", "application/xml"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"), Map.entry("rtf", "application/rtf"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"));

    private final Storage storage;

    FileResponses(Storage storage) {
        this.storage = storage;
    }

    void serve(HttpExchange exchange, String uuid) throws Exception {
        Optional<PublicationStore.Stored> found = storage.publications.byUuid(uuid);
        if (found.isEmpty() || found.get().key() == null) {
            DownloadServer.send(exchange, 404, "Nenalezeno", "Publikace s tímto identifikátorem tu není.");
            return;
        }
        PublicationStore.Stored stored = found.get();
        if (stored.area() != FileStore.Area.PUBLIC) {
            DownloadServer.send(exchange, 403, "Neveřejná publikace",
                    "Tato publikace není veřejně přístupná. Obraťte se na Národní knihovnu ČR.");
            return;
        }
        Path file = storage.files.path(stored.area(), stored.key());
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            DownloadServer.send(exchange, 404, "Nenalezeno", "Soubor této publikace tu není.");
            return;
        }
        try (channel) {
            send(exchange, stored.record(), channel, channel.size());
        }
    }

    private static void send(HttpExchange exchange, Publication record, FileChannel channel, long size) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        String name = record.filename() == null || record.filename().isBlank() ? record.uuid() : record.filename();
        String type = contentType(name);
        headers.set("Content-Type", type);
        headers.set("Content-Disposition", disposition(type.equals("application/pdf") ? "inline" : "attachment", name));
        headers.set("Accept-Ranges", "bytes");
        headers.set("X-Content-Type-Options", "nosniff");
        ByteRange.Outcome outcome = ByteRange.of(exchange.getRequestHeaders().getFirst("Range"), size);
        if (outcome instanceof ByteRange.Unsatisfiable) {
            headers.set("Content-Range", "bytes */" + size);
            headers.set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        long first = 0;
        long length = size;
        int status = 200;
        if (outcome instanceof ByteRange.Partial partial) {
            first = partial.range().first();
            length = partial.range().length();
            status = 206;
            headers.set("Content-Range", "bytes " + first + "-" + partial.range().last() + "/" + size);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        headers.set("Content-Length", Long.toString(length));
        // 0 would mean chunked to HttpServer: an empty body is sent with -1
        exchange.sendResponseHeaders(status, head || length == 0 ? -1 : length);
        if (head || length == 0) {
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long position = first;
            long end = first + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("the file ended early");
                }
                out.write(buffer.array(), 0, n);
                position += n;
            }
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** {@code kind; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266). */
    static String disposition(String kind, String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
        }
        return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + WebPaths.segment(name);
    }
}
