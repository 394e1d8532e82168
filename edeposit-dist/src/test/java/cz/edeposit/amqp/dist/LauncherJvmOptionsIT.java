package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        String downloader = flags("edeposit-downloaderd", "");
        assertTrue(downloader.contains("-XX:TieredStopAtLevel=1"), "its large bodies stay faster than the network: " + downloader);
        String storage = flags("edeposit-storaged", "");
        assertTrue(storage.contains("-XX:TieredStopAtLevel=1") && storage.contains("-XX:ReservedCodeCacheSize=16777216"),
                "storage's time goes to its index and disk: " + storage);
        String marcxml2mods = flags("edeposit-marcxml2modsd", "");
        assertTrue(marcxml2mods.contains("-XX:TieredStopAtLevel=1") && marcxml2mods.contains("-XX:ReservedCodeCacheSize=16777216"),
                "marcxml2mods converts a portal's few records a second with C1 too: " + marcxml2mods);
        String ltp = flags("edeposit-ltpd", "");
        assertFalse(ltp.contains("TieredStopAtLevel"), "a daemon that packs large bodies many at a time keeps C2: " + ltp);
    }

    @Test
    void pdfgenRendersItsFewDocumentsWithTheQuickCompilerAndAHeapThatShrinksUnlessJavaOptsGiveC2Back() throws Exception {
        String pdfgen = flags("edeposit-pdfgend", "");
        assertTrue(pdfgen.contains("-XX:TieredStopAtLevel=1") && pdfgen.contains("-XX:ReservedCodeCacheSize=16777216"), pdfgen);
        assertTrue(pdfgen.contains("-XX:MinHeapFreeRatio=10") && pdfgen.contains("-XX:MaxHeapFreeRatio=20"),
                "pdfgen's heap shrinks back after its documents: " + pdfgen);
        assertTrue(pdfgen.contains("-XX:SurvivorRatio=2"),
                "a document's widths of all glyphs die in the young generation, not in the tenured one: " + pdfgen);
        String optimizing = flags("edeposit-pdfgend", "-XX:TieredStopAtLevel=4");
        assertTrue(optimizing.contains("-XX:TieredStopAtLevel=4") && !optimizing.contains("-XX:TieredStopAtLevel=1"),
                "JAVA_OPTS wins: " + optimizing);
    }

    @Test
    void marcxml2modsAndAlephLinkExportKeepTheirHeapAtItsInitialSizeAfterAFullCollectionUnlessJavaOptsSayOtherwise()
            throws Exception {
        for (String launcher : List.of("edeposit-marcxml2modsd", "edeposit-aleph-link-exportd")) {
            String flags = flags(launcher, "");
            assertTrue(flags.contains("-XX:MinHeapFreeRatio=20") && flags.contains("-XX:TieredStopAtLevel=1"),
                    "about 4.5 MB live after a load: a full collection leaves the initial 8 MiB as they are: " + flags);
            assertFalse(flags.contains("-XX:MaxHeapFreeRatio=20"), "no tighter shrinking: " + flags);
            String operator = flags(launcher, "-XX:MinHeapFreeRatio=40");
            assertTrue(operator.contains("-XX:MinHeapFreeRatio=40") && !operator.contains("-XX:MinHeapFreeRatio=20"),
                    "JAVA_OPTS wins: " + operator);
        }
        assertFalse(flags("edeposit-alephd", "").contains("HeapFreeRatio"), "the other short daemons keep the defaults");
    }

    @Test
    void storageKeepsItsHeapNearItsLiveDataAndASmallYoungGenerationUnlessJavaOptsSayOtherwise() throws Exception {
        String storage = flags("edeposit-storaged", "");
        assertTrue(storage.contains("-XX:MinHeapFreeRatio=20") && storage.contains("-XX:MaxNewSize=4194304"),
                "H2's chunk records and a large save's garbage do not keep a large heap resident: " + storage);
        assertFalse(storage.contains("-XX:MaxHeapFreeRatio=20"), "no tighter shrinking (it costs large saves CPU): " + storage);
        assertTrue(storage.contains("-XX:MaxHeapSize=1073741824"), "large saves still have their heap: " + storage);
        String operator = flags("edeposit-storaged", "-XX:MinHeapFreeRatio=40 -XX:MaxNewSize=64m");
        assertTrue(operator.contains("-XX:MinHeapFreeRatio=40") && !operator.contains("-XX:MinHeapFreeRatio=20")
                && operator.contains("-XX:MaxNewSize=67108864"), "JAVA_OPTS wins: " + operator);
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

    @Test
    void theSuiteTakesPdfgensSurvivorSpacesButNeitherItsHeapRatiosNorTheQuickCompiler()
            throws Exception {
        String suite = flags("edeposit-suited", "");
        assertTrue(suite.contains("-XX:SurvivorRatio=2"),
                "a document's widths of all glyphs fit the survivor spaces of the suite's young generation: " + suite);
        assertFalse(suite.contains("HeapFreeRatio"), "pdfgen's ratios would shrink the heap every daemon shares: " + suite);
        assertFalse(suite.contains("TieredStopAtLevel"), "antivirus, calibre and ltp in the suite keep C2: " + suite);
        String operator = flags("edeposit-suited", "-XX:SurvivorRatio=8");
        assertTrue(operator.contains("-XX:SurvivorRatio=8") && !operator.contains("-XX:SurvivorRatio=2"),
                "JAVA_OPTS wins: " + operator);
    }

    /**
     * -Dpicocli.disable.closures=true in every launcher's JVM, the quick one and the daemon's: without it
     * picocli's DefaultFactory looks for Groovy's closure class, which the class loader seeks in every jar of
     * the class path (docs/performance.md, "What picocli costs"). Seen by what picocli does: its trace says
     * when it skips the lookup, and says nothing when it makes it.
     */
    @Test
    void picocliNeverLooksForGroovyInAnyLaunchersJvm() throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.put("JAVA_OPTS", "-Dpicocli.trace=INFO");
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            List<List<String>> runs = new ArrayList<>();
            runs.add(List.of(Dist.bin(launcher.getKey()).toString(), "--help"));
            if ("daemon".equals(launcher.getValue()[0])) {
                runs.add(List.of(Dist.bin(launcher.getKey()).toString(), "start", "-f", "--help"));
            }
            for (List<String> command : runs) {
                Dist.Result help = Dist.run(elsewhere, env, command);
                // The harvester parses its few options itself (its --help is a usage error); the others use picocli.
                if (!help.err().contains("[picocli INFO] Picocli version: ")) {
                    assertEquals("edeposit-harvester", launcher.getKey(), command + ": " + help);
                    continue;
                }
                assertEquals(0, help.exitCode(), command + ": " + help);
                assertTrue(help.err().contains("DefaultFactory: groovy Closures in annotations are disabled"),
                        command + " looked for groovy.lang.Closure: " + help.err());
            }
        }
    }
}
