package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
        String storage = flags("edeposit-storaged", "");
        assertTrue(storage.contains("-XX:TieredStopAtLevel=1") && storage.contains("-XX:ReservedCodeCacheSize=16777216"),
                "storage's time goes to its index and disk: " + storage);
        String marcxml2mods = flags("edeposit-marcxml2modsd", "");
        assertFalse(marcxml2mods.contains("TieredStopAtLevel"), "a daemon that computes keeps C2: " + marcxml2mods);
    }

    @Test
    void theCHeapIsTrimmedByEveryJavaBuildThatKnowsTheOptionAndByNoOther() throws Exception {
        Map<String, Boolean> builds = new LinkedHashMap<>();
        builds.put("17.0.8+7", false);
        builds.put("17.0.9+9", true);
        builds.put("17.0.15+6-Debian-1deb12u1", true);
        builds.put("17", false);
        builds.put("20.0.2+9", false);
        builds.put("21+35", false);
        builds.put("21.0.1+12-LTS", true);
        builds.put("22", true);
        builds.put("25.0.1+8-LTS", true);
        for (Map.Entry<String, Boolean> build : builds.entrySet()) {
            Map<String, String> env = Dist.cleanEnv();
            env.put("JAVA_HOME", javaThatEchoes(build.getKey()).toString());
            env.put("EDEPOSIT_CACHE_DIR", "");
            Dist.Result run = Dist.run(elsewhere, env, List.of(Dist.bin("edeposit-storaged").toString(), "start", "-f"));
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(build.getValue(), run.out().contains(" -XX:TrimNativeHeapInterval=1000 "), build.getKey() + ": " + run.out());
            assertEquals(build.getValue(), run.out().contains(" -XX:+UnlockExperimentalVMOptions "), build.getKey() + ": " + run.out());
        }
    }

    @Test
    void theJavaOfTheBuildStartsWithTheTrimmingItKnows() throws Exception {
        Runtime.Version java = Runtime.version();
        boolean knows = java.feature() >= 22 || java.feature() == 21 && java.update() >= 1 || java.feature() == 17 && java.update() >= 9;
        String storage = flags("edeposit-storaged", "");
        assertEquals(knows, storage.contains("-XX:TrimNativeHeapInterval=1000"), java + ": " + storage);
    }

    /** A JAVA_HOME whose release file names {@code version} and whose java prints its arguments instead of running. */
    private Path javaThatEchoes(String version) throws IOException {
        Path jdk = Files.createDirectories(elsewhere.resolve("jdk-" + version.replace('+', '_')));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_RUNTIME_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \" $* \"\n");
        assertTrue(java.toFile().setExecutable(true));
        return jdk;
    }

    @Test
    void theSuiteKeepsRunningAfterAnOutOfMemoryError() throws Exception {
        String suite = flags("edeposit-suited", "");
        assertTrue(suite.contains("-XX:-ExitOnOutOfMemoryError") && !suite.contains("-XX:+ExitOnOutOfMemoryError"), suite);
    }
}
