package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.testing.TestBroker;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code --export-definitions}: the file imports into vhosts that do not exist yet and yields the
 * very schema {@code --create} builds.
 */
class DefinitionsIT {

    private static final String MANAGEMENT = TestBroker.get().managementUri().toString();

    @TempDir
    Path dir;

    private final BrokerApi api = new BrokerApi();
    private final List<TestVhosts> cleanup = new ArrayList<>();

    @AfterEach
    void deleteTestVhosts() {
        cleanup.forEach(TestVhosts::close);
    }

    @Test
    void theDefinitionsOfAllHostsImportIntoFreshVhostsAsTheSchemaCreateBuilds() throws Exception {
        TestVhosts created = own(new TestVhosts());
        TestVhosts imported = own(new TestVhosts());
        assertEquals(0, Tool.run(created.env(), "--host", "all", "--create", "--management-url", MANAGEMENT).status());
        Path file = dir.resolve("definitions.json");
        assertEquals(new Run(0, "", ""), Tool.run(imported.env(), "--host", "all", "--export-definitions", file.toString()));
        TestVhosts.HOSTS.forEach(host -> assertFalse(api.vhostExists(imported.of(host.vhost()))));
        api.importDefinitions(Files.readString(file));
        for (TestVhosts.Host host : TestVhosts.HOSTS) {
            assertEquals(api.schema(created.of(host.vhost())), api.schema(imported.of(host.vhost())), host.name());
            assertEquals(".* .* .*", api.permissions(imported.of(host.vhost()), TestBroker.get().user()));
        }
    }

    @Test
    void quorumQueuesExtraExchangesAndDeadLetterPoliciesSurviveTheRoundTrip() throws Exception {
        TestVhosts created = own(new TestVhosts());
        TestVhosts imported = own(new TestVhosts());
        String[] options = {"--host", "aleph", "--queue-type", "quorum", "--dead-letter", "--extra-exchange", "validate",
            "--extra-exchange", "count", "--management-url", MANAGEMENT};
        Run create = Tool.run(created.env(), Stream.concat(Stream.of("--create"), Stream.of(options)).toArray(String[]::new));
        assertEquals(0, create.status(), create.err());
        Path file = dir.resolve("aleph.json");
        Run export = Tool.run(imported.env(),
                Stream.concat(Stream.of("--export-definitions", file.toString()), Stream.of(options)).toArray(String[]::new));
        assertEquals(new Run(0, "", ""), export);
        api.importDefinitions(Files.readString(file));
        BrokerApi.Schema expected = api.schema(created.of("aleph"));
        assertEquals(expected, api.schema(imported.of("aleph")));
        assertEquals(1, expected.policies().size(), expected.toString());
        assertEquals(3, expected.queues().stream().filter(queue -> queue.contains("type=quorum")).count(), expected.toString());
    }

    private TestVhosts own(TestVhosts vhosts) {
        cleanup.add(vhosts);
        return vhosts;
    }
}
