package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.ltp.LtpMessages.ExportRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Directories, settings and requests that the handler tests share. */
final class ExportFixture {

    static final String UUID = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

    final Path temp;
    final Path export;
    final LtpSettings settings;
    final LtpHandler handler;

    ExportFixture(Path temp, Path export, long maxFileBytes) {
        this.temp = temp;
        this.export = export;
        this.settings = new LtpSettings(temp, export, export.resolve("unused"), "complete_", maxFileBytes);
        this.handler = new LtpHandler(settings);
    }

    static ExportFixture in(Path root) throws IOException {
        return new ExportFixture(Files.createDirectories(root.resolve("tmp")),
                Files.createDirectories(root.resolve("export")), 1L << 20);
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static ExportRequest request(String uuid, byte[] data) {
        return new ExportRequest(Records.book("Testovací kniha", "ABA001"), uuid, "urn:nbn:cz:nkp-000001",
                "https://edeposit.example/" + uuid, "C:\\books\\Kniha.PDF", Base64.getMimeEncoder().encodeToString(data));
    }

    Object handle(Object request) {
        return handler.handle(request, null);
    }

    /** The names of the entries of {@code dir}, sorted, dot-named ones included. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every path under {@code root}, relative, sorted; links not followed. */
    static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()
                    + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
        }
        out.sort(null);
        return out;
    }
}
