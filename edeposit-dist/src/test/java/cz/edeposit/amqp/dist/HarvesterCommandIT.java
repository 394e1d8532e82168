package cz.edeposit.amqp.dist;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code edeposit-harvester --harvest} from the distribution: an ONIX file on loopback to {@code Publications} in plone. */
class HarvesterCommandIT {

    private static final String ONIX = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ONIXmessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/short">
              <product><a002>03</a002>
                <productidentifier><b221>15</b221><b244>9788072031504</b244></productidentifier>
                <descriptivedetail><b012>BC</b012>
                  <titledetail><b202>01</b202><titleelement><x409>01</x409><b203>Matka</b203></titleelement></titledetail>
                  <contributor><b035>A01</b035><b036>Karel Čapek</b036></contributor>
                </descriptivedetail>
              </product>
            </ONIXmessage>
            """;

    @Test
    void harvestsAnOnixFileIntoOnePublicationsMessageAndTheSecondRunSendsNothing(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/onix.xml", exchange -> {
            byte[] body = ONIX.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: host, type: onix, url: 'http://127.0.0.1:"
                    + server.getAddress().getPort() + "/onix.xml', publisher: Host}\n");
            var env = Dist.cleanEnv();
            env.putAll(vhost.env());
            env.put("EDEPOSIT_CONFIG_DIR", vhost.emptyConfigDir().toString());
            env.put("EDEPOSIT_HARVESTER_SOURCES_FILE", dir.resolve("sources.yaml").toString());
            env.put("EDEPOSIT_HARVESTER_STATE_DIR", dir.resolve("state").toString());
            env.put("EDEPOSIT_DUP_FILTER_FILE", dir.resolve("cache.json").toString());
            env.put("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "127.0.0.0/8");
            List<String> command = List.of(Dist.bin("edeposit-harvester").toString(), "--harvest");

            Dist.Result first = Dist.run(Path.of("/"), env, command);
            assertEquals(0, first.exitCode(), first.toString());
            GetResponse message = connection.createChannel().basicGet("plone", true);
            assertNotNull(message, "one Publications message in plone");
            String json = new String(message.getBody(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"__nt_name\":\"Publications\"") || json.contains("\"__nt_name\": \"Publications\""), json);
            assertTrue(json.contains("Matka") && json.contains("9788072031504"), json);

            Dist.Result second = Dist.run(Path.of("/"), env, command);
            assertEquals(0, second.exitCode(), second.toString());
            assertNull(connection.createChannel().basicGet("plone", true), "the book was announced already");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBadSourcesFileExits78WithOneLineNamingTheSource(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: odd, type: pdf, url: 'http://a/', publisher: P}\n");
        var env = Dist.cleanEnv();
        env.put("EDEPOSIT_CONFIG_DIR", dir.toString());
        env.put("EDEPOSIT_HARVESTER_SOURCES_FILE", dir.resolve("sources.yaml").toString());
        Dist.Result run = Dist.run(Path.of("/"), env, List.of(Dist.bin("edeposit-harvester").toString(), "--dry-run"));
        assertEquals(78, run.exitCode(), run.toString());
        assertEquals(dir.resolve("sources.yaml") + ": source 'odd': unknown type 'pdf'; use feed, onix or html\n", run.err());
    }
}
