package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class archive that the launchers make by themselves in a cache directory
 * (lib/class-cache.sh): written by a first run, adopted and reused, made anew when the jars or
 * the Java change, and never in the way of a start when the directory cannot be written.
 */
class ClassArchiveCacheIT {

    private static final String DAEMON = "edeposit-downloaderd";

    @TempDir
    Path dir;

    private Map<String, String> env(Path cache) {
        Map<String, String> env = Dist.cleanEnv();
        env.put("EDEPOSIT_CACHE_DIR", cache.toString());
        return env;
    }

    private static List<String> cached(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static Dist.Result version(Path home, Map<String, String> env, Path dir) throws Exception {
        Dist.Result result = Dist.run(dir, env, List.of(home.resolve("bin/" + DAEMON).toString(), "--version"));
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("edeposit-amqp ") && result.out().lines().count() == 1, result.out());
        return result;
    }

    @Test
    void aFirstRunWritesTheArchiveTheNextAdoptsItAndLaterRunsMapIt() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = env(cache);
        // Constant options, so one key: each JVM logs where its classes came from.
        env.put("JAVA_OPTS", "-Xlog:class+load:file=" + dir + "/classes-%p.log");
        assertEquals("", version(Dist.home(), env, dir).err());
        List<String> first = cached(cache);
        assertEquals(1, first.size(), first.toString());
        assertTrue(first.get(0).matches(DAEMON + "-quick-\\d+\\.jsa\\.\\d+\\.partial"), first.toString());

        assertEquals("", version(Dist.home(), env, dir).err());
        String archive = first.get(0).replaceFirst("\\.\\d+\\.partial$", "");
        assertEquals(List.of(archive), cached(cache), "adopted under its own name");
        Object inode = Files.getAttribute(cache.resolve(archive), "unix:ino");

        for (Path log : logs()) {
            Files.delete(log);
        }
        version(Dist.home(), env, dir);
        assertEquals(List.of(archive), cached(cache));
        assertEquals(inode, Files.getAttribute(cache.resolve(archive), "unix:ino"), "the same file, reused");
        List<Path> logs = logs();
        assertEquals(1, logs.size(), logs.toString());
        List<String> loaded = Files.readAllLines(logs.get(0));
        long fromArchive = loaded.stream().filter(line -> line.contains("source: shared objects file (top)")).count();
        assertTrue(fromArchive > 100, fromArchive + " of " + loaded.size() + " classes from the launcher's archive");
        // picocli's too: edeposit-picocli compiles it into class files an archive takes, which its own
        // jar's are not (docs/performance.md, "What picocli costs").
        List<String> picocli = loaded.stream().filter(line -> line.contains(" picocli.")).toList();
        assertFalse(picocli.isEmpty(), "picocli parsed --version");
        assertEquals(List.of(), picocli.stream().filter(line -> !line.contains("source: shared objects file")).toList());
    }

    @Test
    void aChangedJarOrAnotherJavaMakesANewArchive() throws Exception {
        Path home = copy();
        Path cache = dir.resolve("cache");
        Map<String, String> env = env(cache);
        version(home, env, dir);
        version(home, env, dir);
        List<String> before = cached(cache);
        assertEquals(1, before.size(), before.toString());

        Path jar;
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            jar = jars.filter(file -> file.getFileName().toString().startsWith("edeposit-core-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals("", version(home, env, dir).err());
        List<String> afterJar = cached(cache);
        assertEquals(2, afterJar.size(), "the old archive stays for a day, a new one is written: " + afterJar);
        version(home, env, dir);
        String jarArchive = afterJar.stream().filter(name -> name.endsWith(".partial")).findFirst().orElseThrow()
                .replaceFirst("\\.\\d+\\.partial$", "");
        assertTrue(cached(cache).contains(jarArchive), cached(cache).toString());
        assertNotEquals(before.get(0), jarArchive);

        // Another Java, as far as the launcher can tell: JAVA_HOME at another path of the same JDK.
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath();
        Path otherJdk = Files.createSymbolicLink(dir.resolve("other-jdk"), java.getParent().getParent());
        env.put("JAVA_HOME", otherJdk.toString());
        assertEquals("", version(home, env, dir).err());
        assertEquals(1, cached(cache).stream().filter(name -> name.endsWith(".partial")).count(), cached(cache).toString());
    }

    @Test
    void aRunThatWritesAnArchiveRemovesItsOwnOlderThanADayAndTheEarlierVersionsLaunchArchives() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        FileTime twoDaysAgo = FileTime.fromMillis(System.currentTimeMillis() - 2 * 24 * 3600 * 1000L);
        List<String> old = List.of(DAEMON + "-quick-1.jsa", DAEMON + "-quick-2.jsa.77.partial",
                DAEMON + "-quick-2.jsa.78.partial.discard", DAEMON + "-launch-3.jsa", DAEMON + "-launch-3.jsa.79.partial",
                DAEMON + "-launch-3.jsa.79.partial.discard");
        // Another role's and another launcher's stay, and so does what is younger than a day.
        List<String> kept = List.of(DAEMON + "-daemon-5.jsa", "edeposit-alephd-launch-6.jsa", "edeposit-alephd-quick-7.jsa");
        List<String> young = List.of(DAEMON + "-quick-8.jsa", DAEMON + "-launch-9.jsa");
        for (String name : old) {
            Files.setLastModifiedTime(Files.writeString(cache.resolve(name), "an old archive"), twoDaysAgo);
        }
        for (String name : kept) {
            Files.setLastModifiedTime(Files.writeString(cache.resolve(name), "not this launcher's or role's"), twoDaysAgo);
        }
        for (String name : young) {
            Files.writeString(cache.resolve(name), "younger than a day");
        }

        assertEquals("", version(Dist.home(), env(cache), dir).err());
        List<String> after = cached(cache);
        List<String> written = after.stream().filter(name -> name.matches(DAEMON + "-quick-\\d+\\.jsa\\.\\d+\\.partial")).toList();
        assertEquals(1, written.size(), "this run's dump: " + after);
        List<String> expected = new ArrayList<>(kept);
        expected.addAll(young);
        expected.addAll(written);
        assertEquals(expected.stream().sorted().toList(), after);
    }

    @Test
    void twoRunsAtOnceLeaveOneGoodArchive() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = env(cache);
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder builder = new ProcessBuilder(Dist.bin(DAEMON).toString(), "--version").directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            runs.add(builder.start());
        }
        for (Process run : runs) {
            assertEquals(0, run.waitFor());
        }
        version(Dist.home(), env, dir);
        List<String> files = cached(cache);
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).endsWith(".jsa"), files.toString());
    }

    @Test
    void aDaemonThatFailsDisownsItsArchiveAndAStartWorksWhenTheCacheCannotBeWritten() throws Exception {
        Path cache = dir.resolve("cache");
        Path badConfig = Files.createDirectories(dir.resolve("bad-config"));
        Files.writeString(badConfig.resolve("amqp.json"), "{ not json");
        List<String> failing = List.of(Dist.bin(DAEMON).toString(), "start", "-f", "--config-dir", badConfig.toString(),
                "--pid-dir", dir.resolve("run").toString());
        Dist.Result bad = Dist.run(dir, env(cache), failing);
        assertEquals(78, bad.exitCode(), bad.toString());
        List<String> disowned = cached(cache);
        assertEquals(2, disowned.size(), disowned.toString());
        assertTrue(disowned.get(1).equals(disowned.get(0) + ".discard"), disowned.toString());
        assertEquals(78, Dist.run(dir, env(cache), failing).exitCode());
        assertTrue(cached(cache).stream().noneMatch(disowned::contains), "the next launcher removed it: " + cached(cache));

        // A regular file where the directory would be: no archive, a warning, and the daemon starts.
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "");
        Map<String, String> env = env(blocked.resolve("cache"));
        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            env.putAll(vhost.env());
            List<String> common = List.of("--config-dir", Files.createDirectories(dir.resolve("config")).toString(),
                    "--pid-dir", dir.resolve("run").toString(), "--log-file", dir.resolve("daemon.log").toString());
            Dist.Result started = Dist.run(dir, env, command("start", common));
            try {
                assertEquals(0, started.exitCode(), started.toString());
                assertTrue(started.err().startsWith(DAEMON + ": warning: cannot write the class archive to "
                        + blocked.resolve("cache") + ", so the JVM starts without one"), started.err());
                assertTrue(started.err().lines().anyMatch(line -> line.matches("started with pid \\d+")), started.err());
                assertEquals(1, started.err().lines().filter(line -> line.contains("warning")).count(), started.err());
            } finally {
                assertEquals(0, Dist.run(dir, env, command("stop", common)).exitCode());
            }
        }
    }

    @Test
    void aBackgroundStartLeavesTheDaemonsArchiveAndTheStopTheQuickOne() throws Exception {
        Path cache = dir.resolve("cache");
        Map<String, String> env = env(cache);
        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            env.putAll(vhost.env());
            List<String> common = List.of("--config-dir", Files.createDirectories(dir.resolve("config")).toString(),
                    "--pid-dir", dir.resolve("run").toString(), "--log-file", dir.resolve("daemon.log").toString());
            for (int round = 0; round < 2; round++) {
                Dist.Result started = Dist.run(dir, env, command("start", common));
                assertEquals(0, started.exitCode(), started.toString());
                assertEquals(0, Dist.run(dir, env, command("stop", common)).exitCode());
            }
        }
        List<String> files = cached(cache);
        assertTrue(files.stream().anyMatch(name -> name.matches(DAEMON + "-daemon-\\d+\\.jsa")), files.toString());
        assertTrue(files.stream().noneMatch(name -> name.contains("-launch-")), "one JVM a start: " + files);
        assertTrue(files.stream().anyMatch(name -> name.matches(DAEMON + "-quick-\\d+\\.jsa")), files.toString());
        assertTrue(files.stream().noneMatch(name -> name.endsWith(".discard")), files.toString());
    }

    private List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("classes-")).toList();
        }
    }

    private static List<String> command(String action, List<String> common) {
        List<String> command = new ArrayList<>(List.of(Dist.bin(DAEMON).toString(), action));
        command.addAll(common);
        return command;
    }

    /** A copy of the distribution, whose jars this test may change. */
    private Path copy() throws Exception {
        Path home = dir.resolve(Dist.home().getFileName());
        try (Stream<Path> files = Files.walk(Dist.home())) {
            for (Path file : files.toList()) {
                Files.copy(file, home.resolve(Dist.home().relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return home;
    }
}
