package cz.edeposit.amqp.dist;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.aleph.FakeAleph;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private static final String ONIX = OnixSource.message(
            OnixSource.product("9788074225512", "Zahrady jižní Moravy", "Marie Lipková"),
            OnixSource.product("9788072031504", "Matka", "Karel Čapek"),
            OnixSource.product("9788000000015", "Rozbitá", "Jan Novák"));

    @Test
    void dropsWhatAlephHoldsAnnouncesTheRestAndExits75WhenACheckFails(@TempDir Path dir) throws Exception {
        try (OnixSource source = OnixSource.serving(ONIX); FakeAleph aleph = FakeAleph.withCatalogue();
             TestVhost alephVhost = TestVhost.withSchema("aleph"); TestVhost vhost = TestVhost.withSchema("harvester");
             Connection connection = vhost.connect()) {
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
                env.putAll(source.harvesterEnv(vhost, dir));
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
        }
    }

    private static List<String> concat(List<String> command, String action) {
        List<String> all = new java.util.ArrayList<>(command.subList(0, 1));
        all.add(action);
        all.addAll(command.subList(1, command.size()));
        return all;
    }
}
