package cz.edeposit.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code RABBITMQ_ADDRESSES}: the nodes of a cluster, checked entry by entry; host and port stay the one-node form. */
class BrokerAddressesTest {

    @TempDir
    Path tmp;

    private AmqpSettings load(String json, Map<String, String> env) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cfg"));
        Files.writeString(dir.resolve("amqp.json"), json);
        return AmqpSettings.load(new ConfigLocator(dir, Map.of(), tmp.resolve("no-etc")), env);
    }

    @Test
    void withoutAddressesTheOneNodeIsHostAndPort() throws IOException {
        AmqpSettings s = load("{\"RABBITMQ_HOST\": \"broker.example\", \"RABBITMQ_PORT\": 5673}", Map.of());
        assertEquals(List.of(new BrokerAddress("broker.example", 5673)), s.nodes());
        assertEquals("RABBITMQ_HOST and RABBITMQ_PORT", s.addressKeys());
    }

    @Test
    void addressesListTheNodesAndEntriesWithoutPortTakeRabbitmqPort() throws IOException {
        AmqpSettings s = load("{\"RABBITMQ_PORT\": \"5680\", \"RABBITMQ_ADDRESSES\":"
                + " [\"rabbit-1\", \"rabbit-2:5700\", \"10.0.0.3\", \"[::1]:5701\", \"[fe80::1]\"]}", Map.of());
        assertEquals(List.of(new BrokerAddress("rabbit-1", 5680), new BrokerAddress("rabbit-2", 5700),
                new BrokerAddress("10.0.0.3", 5680), new BrokerAddress("::1", 5701),
                new BrokerAddress("fe80::1", 5680)), s.nodes());
        assertEquals("[::1]:5701", s.nodes().get(3).toString());
        assertEquals("RABBITMQ_ADDRESSES", s.addressKeys());
        assertTrue(s.toString().contains("nodes=[rabbit-1:5680, rabbit-2:5700"), s.toString());
    }

    @Test
    void withTlsAnEntryWithoutPortTakesTheTlsPort() throws IOException {
        AmqpSettings s = load("{\"RABBITMQ_USE_TLS\": true, \"RABBITMQ_ADDRESSES\": [\"a\", \"b:5999\"]}", Map.of());
        assertEquals(List.of(new BrokerAddress("a", 5671), new BrokerAddress("b", 5999)), s.nodes());
    }

    @Test
    void environmentOverrideIsOneStringWithCommas() throws IOException {
        AmqpSettings s = load("{\"RABBITMQ_ADDRESSES\": [\"file-node\"]}",
                Map.of("EDEPOSIT_RABBITMQ_ADDRESSES", "n1:5672, n2:5673 ,n3"));
        assertEquals(List.of(new BrokerAddress("n1", 5672), new BrokerAddress("n2", 5673),
                new BrokerAddress("n3", 5672)), s.nodes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rabbit-2:0", "rabbit-2:70000", "rabbit-2:", "::1", "amqp://rabbit-2",
            "rabbit 2", "rabbit-2:5672:5673", "[::1]x", "rabbit-2:port"})
    void aBadEntryInTheFileNamesTheKeyAndTheEntry(String entry) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{\"RABBITMQ_ADDRESSES\": [\"rabbit-1\", \"" + entry + "\"]}", Map.of()));
        assertTrue(e.getMessage().contains("amqp.json (or EDEPOSIT_RABBITMQ_ADDRESSES): RABBITMQ_ADDRESSES entry \""
                + entry + "\" is not host or host:port"), e.getMessage());
        assertFalse(e.getMessage().contains("rabbit-1"), e.getMessage());
    }

    @Test
    void aBadEntryInTheEnvironmentNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{}", Map.of("EDEPOSIT_RABBITMQ_ADDRESSES", "n1,n2:99999")));
        assertTrue(e.getMessage().startsWith("EDEPOSIT_RABBITMQ_ADDRESSES: entry \"n2:99999\" is not host or host:port"),
                e.getMessage());
    }

    @Test
    void aNodeListedTwiceIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{\"RABBITMQ_ADDRESSES\": [\"n1\", \"n1:5672\"]}", Map.of()));
        assertTrue(e.getMessage().contains("RABBITMQ_ADDRESSES names n1:5672 twice"), e.getMessage());
    }

    @Test
    void aListOfNonStringsIsRefusedLikeAnyBadValue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("{\"RABBITMQ_ADDRESSES\": [5672]}", Map.of()));
        assertTrue(e.getMessage().contains("RABBITMQ_ADDRESSES must be a list of strings"), e.getMessage());
    }

    @Test
    void aBlankHostWithoutAddressesIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("{\"RABBITMQ_HOST\": \" \"}", Map.of()));
        assertTrue(e.getMessage().contains("RABBITMQ_HOST must name the broker host"), e.getMessage());
    }
}
