package cz.edeposit.amqp.dist;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import cz.edeposit.amqp.aleph.FakeAleph;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harvester's Aleph filter against a real {@code edeposit-alephd} (both from the distribution, each host in a
 * vhost of its own) and the aleph tests' X-Services stand-in: a book the catalogue holds is not announced but
 * remembered, a new one is announced, and one whose check fails is neither, with exit 75 (docs/harvester.md).
 */
class HarvesterAlephFilterIT {

    /** In the catalogue (the stand-in's monograph), new, and one the aleph daemon answers with an exception. */
    private static final String ONIX = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ONIXmessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/short">
            %s%s%s</ONIXmessage>
            """.formatted(product("9788074225512", "Zahrady jižní Moravy", "Marie Lipková"),
            product("9788072031504", "Matka", "Karel Čapek"), product("9788000000015", "Rozbitá", "Jan Novák"));

    private static String product(String isbn, String title, String author) {
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

    @Test
    void dropsWhatAlephHoldsAnnouncesTheRestAndExits75WhenACheckFails(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/onix.xml", exchange -> {
            byte[] body = ONIX.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (FakeAleph aleph = FakeAleph.withCatalogue(); TestVhost alephVhost = TestVhost.withSchema("aleph");
             TestVhost vhost = TestVhost.withSchema("harvester"); Connection connection = vhost.connect()) {
            aleph.find("sbn=9788074225512", "nkc", "find-hits.xml");
            aleph.find("sbn=9788000000015", "nkc", "find-bad-base.xml"); // an <error>: an exception reply
            Map<String, String> env = Dist.cleanEnv();
            env.putAll(alephVhost.env());
            env.putAll(vhost.env());
            Path alephConfig = Files.createDirectories(dir.resolve("aleph-config"));
            Files.writeString(alephConfig.resolve("aleph.json"), "{\"ALEPH_URL\": \"" + aleph.url() + "\","
                    + " \"ALEPH_MAX_REQUESTS_PER_SECOND\": 50}");
            List<String> alephd = List.of(Dist.bin("edeposit-alephd").toString(), "--config-dir", alephConfig.toString(),
                    "--pid-dir", dir.toString(), "--log-file", dir.resolve("alephd.log").toString());
            Dist.Result started = Dist.run(dir, env, concat(alephd, "start"));
            Matcher pid = Pattern.compile("started with pid (\\d+)").matcher(started.err());
            assertTrue(started.exitCode() == 0 && pid.find(), started.toString());
            try {
                Files.writeString(dir.resolve("sources.yaml"), "sources:\n  - {name: host, type: onix, url: 'http://127.0.0.1:"
                        + server.getAddress().getPort() + "/onix.xml', publisher: Host}\n");
                env.put("EDEPOSIT_CONFIG_DIR", vhost.emptyConfigDir().toString());
                env.put("EDEPOSIT_HARVESTER_SOURCES_FILE", dir.resolve("sources.yaml").toString());
                env.put("EDEPOSIT_HARVESTER_STATE_DIR", dir.resolve("state").toString());
                env.put("EDEPOSIT_DUP_FILTER_FILE", dir.resolve("cache.json").toString());
                env.put("EDEPOSIT_HARVESTER_ALLOW_NETWORKS", "127.0.0.0/8");
                env.put("EDEPOSIT_USE_ALEPH_FILTER", "true");
                List<String> harvest = List.of(Dist.bin("edeposit-harvester").toString(), "--harvest");

                Dist.Result first = Dist.run(Path.of("/"), env, harvest);
                assertEquals(75, first.exitCode(), first.toString());
                assertTrue((first.out() + first.err()).contains("the Aleph check of 'Rozbitá' failed"), first.toString());
                GetResponse message = connection.createChannel().basicGet("plone", true);
                assertNotNull(message, "one Publications message in plone");
                String json = new String(message.getBody(), StandardCharsets.UTF_8);
                assertTrue(json.contains("Matka") && !json.contains("Zahrady") && !json.contains("Rozbit"), json);
                assertNull(connection.createChannel().basicGet("plone", true));
                assertEquals(3, aleph.received("find").size(), "one search per book");
                String cache = Files.readString(dir.resolve("cache.json"));
                assertTrue(cache.contains("9788074225512") && cache.contains("9788072031504"), cache);
                assertFalse(cache.contains("9788000000015"), "a book whose check failed is not remembered: " + cache);

                Dist.Result second = Dist.run(Path.of("/"), env, harvest);
                assertEquals(75, second.exitCode(), second.toString());
                assertNull(connection.createChannel().basicGet("plone", true), "nothing new");
                assertEquals(List.of("sbn=9788000000015"), aleph.received("find").subList(3, 4).stream()
                        .map(request -> request.param("request")).toList(), "only the unchecked book is asked again");
                assertEquals(4, aleph.received("find").size());
            } finally {
                Dist.Result stopped = Dist.run(dir, env, concat(alephd, "stop"));
                assertEquals(0, stopped.exitCode(), stopped.toString());
            }
        } finally {
            server.stop(0);
        }
    }

    private static List<String> concat(List<String> command, String action) {
        List<String> all = new java.util.ArrayList<>(command.subList(0, 1));
        all.add(action);
        all.addAll(command.subList(1, command.size()));
        return all;
    }
}
