package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code edeposit-amqp-tool} through its launcher: from any directory, with the quick-start options. */
class ToolLauncherIT {

    @Test
    void runsTheToolWithQuickStartOptionsFromAnyDirectory() throws Exception {
        var env = Dist.cleanEnv();
        env.put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        Dist.Result help = Dist.run(Path.of("/"), env, List.of(Dist.bin("edeposit-amqp-tool").toString(), "--help"));
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("--create"), help.out());
        assertTrue(help.out().contains("-XX:TieredStopAtLevel=1"), "a command starts with C1 only: " + help.out());
    }

    @Test
    void listsTheHostsAsTheOriginalDid() throws Exception {
        Dist.Result list = Dist.run(Path.of("/"), Dist.cleanEnv(), List.of(Dist.bin("edeposit-amqp-tool").toString(), "--list"));
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().lines().anyMatch("downloader"::equals), list.out());
    }

    @Test
    void logsWarningsToStandardErrorUnderItsName(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve("amqp.json"), "{\"NOT_A_SETTING\": 1}");
        var env = Dist.cleanEnv();
        env.put("EDEPOSIT_CONFIG_DIR", config.toString());
        // --export-definitions reads amqp.json and needs no broker.
        Dist.Result export = Dist.run(Path.of("/"), env, List.of(Dist.bin("edeposit-amqp-tool").toString(),
                "--host", "downloader", "--export-definitions", config.resolve("definitions.json").toString()));
        assertEquals(0, export.exitCode(), export.toString());
        assertEquals("edeposit-amqp-tool: WARN: Ignoring unknown setting 'NOT_A_SETTING' in " + config.resolve("amqp.json")
                + "\n", export.err());
        assertFalse(export.out().contains("NOT_A_SETTING"), "nothing of the log on standard output: " + export.out());
    }
}
