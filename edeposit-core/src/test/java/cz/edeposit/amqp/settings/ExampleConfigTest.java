package cz.edeposit.amqp.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped example {@code config/amqp.json} loads cleanly and shows the real defaults. */
class ExampleConfigTest {

    private static final Path EXAMPLES = Path.of("..", "config").toAbsolutePath().normalize();

    @Test
    void exampleAmqpJsonHoldsEveryTopologyKeyWithItsDefault(@TempDir Path empty) {
        Settings example = Settings.load(AmqpSettings.schema(), "amqp.json",
                new ConfigLocator(EXAMPLES, Map.of(), empty), Map.of());
        Settings defaults = Settings.load(AmqpSettings.schema(), "amqp.json",
                new ConfigLocator(empty, Map.of(), empty), Map.of());
        assertTrue(example.source().isPresent(), "config/amqp.json exists");
        assertTrue(example.warnings().isEmpty(), example.warnings().toString());
        for (String key : AmqpSettings.schema().keys()) {
            assertEquals(defaults.string(key), example.string(key), key);
        }
    }
}
