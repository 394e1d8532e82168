package cz.edeposit.amqp.dist;

import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.testing.TestVhost;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An ONIX file served on loopback: the one source of the harvester runs in the distribution's tests, and its text. */
final class OnixSource implements AutoCloseable {

    private final HttpServer server;

    private OnixSource(HttpServer server) {
        this.server = server;
    }

    /** An ONIX 3.0 message (short tags) of {@code products}. */
    static String message(String... products) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ONIXmessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/short">
                %s</ONIXmessage>
                """.formatted(String.join("", products));
    }

    /** One book: its ISBN-13, title and author. */
    static String product(String isbn, String title, String author) {
        return """
                  <product><a002>03</a002>
                    <productidentifier><b221>15</b221><b244>%s</b244></productidentifier>
                    <descriptivedetail><b012>BC</b012>
                      <titledetail><b202>01</b202><titleelement><x409>01</x409><b203>%s</b203></titleelement></titledetail>
                      <contributor><b035>A01</b035><b036>%s</b036></contributor>
                    </descriptivedetail>
                  </product>
                """.formatted(isbn, title, author);
    }

    static OnixSource serving(String onix) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/onix.xml", exchange -> {
            byte[] body = onix.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new OnixSource(server);
    }

    /**
     * The environment of {@code edeposit-harvester --harvest} into {@code vhost}: this source alone (in
     * {@code dir}/sources.yaml), its state and duplicate cache in {@code dir}, loopback allowed.
     */
    Map<String, String> harvesterEnv(TestVhost vhost, Path dir) throws IOException {
        Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: host, type: onix, url: 'http://127.0.0.1:"
                + server.getAddress().getPort() + "/onix.xml', publisher: Host}\n");
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put("EDEPOSIT_CONFIG_DIR", vhost.emptyConfigDir().toString());
        env.put("EDEPOSIT_HARVESTER_SOURCES_FILE", dir.resolve("sources.yaml").toString());
        env.put("EDEPOSIT_HARVESTER_STATE_DIR", dir.resolve("state").toString());
        env.put("EDEPOSIT_DUP_FILTER_FILE", dir.resolve("cache.json").toString());
        env.put("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "127.0.0.0/8");
        return env;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
