package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution's example alert rules as Prometheus reads them: {@code promtool check rules}, and
 * {@code promtool test rules} with the series of the shipped {@code monitoring/edeposit-alerts-test.yml},
 * which show each alert firing when it should and not otherwise.
 */
class MonitoringRulesIT {

    private static Path promtool() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        assertTrue(found.isPresent(), "promtool is not installed: scripts/test runs scripts/ensure-promtool");
        return found.get();
    }

    @Test
    void promtoolAcceptsTheShippedRules(@TempDir Path dir) throws Exception {
        Dist.Result check = Dist.run(dir, Dist.cleanEnv(), List.of(promtool().toString(), "check", "rules",
                Dist.home().resolve("monitoring/edeposit-alerts.yml").toString()));
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.out().contains("SUCCESS: 9 rules found"), check.toString());
    }

    @Test
    void eachAlertFiresOnItsSeriesAndNotOnTheOthers(@TempDir Path dir) throws Exception {
        Dist.Result test = Dist.run(dir, Dist.cleanEnv(), List.of(promtool().toString(), "test", "rules",
                Dist.home().resolve("monitoring/edeposit-alerts-test.yml").toString()));
        assertEquals(0, test.exitCode(), test.toString());
        assertTrue(test.out().contains("SUCCESS"), test.toString());
    }
}
