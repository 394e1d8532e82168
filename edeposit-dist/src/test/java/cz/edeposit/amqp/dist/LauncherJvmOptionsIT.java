package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A launcher's own JVM options (edeposit-dist/src/main/jvm-options.list) come after the shared defaults,
 * which they replace, and before JAVA_OPTS, which replaces them (docs/performance.md, "Memory").
 */
class LauncherJvmOptionsIT {

    @TempDir
    Path elsewhere;

    /** The flags the daemon's JVM of a foreground start would run with, without starting it. */
    private String flags(String launcher, String javaOpts) throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.put("JAVA_OPTS", javaOpts + " -XX:+PrintCommandLineFlags");
        Dist.Result start = Dist.run(elsewhere, env, List.of(Dist.bin(launcher).toString(), "start", "-f", "--help"));
        assertEquals(0, start.exitCode(), start.toString());
        return start.out();
    }

    @Test
    void aDaemonThatWaitsOnOtherSystemsRunsWithTheQuickCompilerAndASmallCodeCache() throws Exception {
        String aleph = flags("edeposit-alephd", "");
        assertTrue(aleph.contains("-XX:TieredStopAtLevel=1") && aleph.contains("-XX:ReservedCodeCacheSize=16777216"), aleph);
        String optimizing = flags("edeposit-alephd", "-XX:TieredStopAtLevel=4");
        assertFalse(optimizing.contains("-XX:TieredStopAtLevel=1"), "JAVA_OPTS wins: " + optimizing);
        String marcxml2mods = flags("edeposit-marcxml2modsd", "");
        assertFalse(marcxml2mods.contains("TieredStopAtLevel"), "a daemon that computes keeps C2: " + marcxml2mods);
    }

    @Test
    void theSuiteKeepsRunningAfterAnOutOfMemoryError() throws Exception {
        String suite = flags("edeposit-suited", "");
        assertTrue(suite.contains("-XX:-ExitOnOutOfMemoryError") && !suite.contains("-XX:+ExitOnOutOfMemoryError"), suite);
    }
}
