package cz.edeposit.amqp.dist;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static final String ONIX = OnixSource.message(OnixSource.product("9788072031504", "Matka", "Karel Čapek"));

    @Test
    void harvestsAnOnixFileIntoOnePublicationsMessageAndTheSecondRunSendsNothing(@TempDir Path dir) throws Exception {
        try (OnixSource source = OnixSource.serving(ONIX); TestVhost vhost = TestVhost.withSchema("harvester");
             Connection connection = vhost.connect()) {
            var env = Dist.cleanEnv();
            env.putAll(source.harvesterEnv(vhost, dir));
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
