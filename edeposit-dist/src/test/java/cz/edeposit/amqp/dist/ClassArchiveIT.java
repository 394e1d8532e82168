package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/edeposit-class-archive} and the launchers' use of its archive, in a copy of the
 * distribution (an archive is valid only where it was made, and the other ITs run without one).
 */
class ClassArchiveIT {

    private static final String DAEMON = "edeposit-downloaderd";

    @TempDir
    Path dir;

    /** A copy of the distribution, with permissions and times (the JVM checks the jars' times). */
    private Path copy() throws Exception {
        Path home = dir.resolve(Dist.home().getFileName());
        try (Stream<Path> files = Files.walk(Dist.home())) {
            for (Path file : files.toList()) {
                Path target = home.resolve(Dist.home().relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return home;
    }

    @Test
    void theJvmOfAStartLoadsItsClassesFromTheArchiveAndAStaleOneIsIgnoredSilently() throws Exception {
        Path home = copy();
        Dist.Result unknown = Dist.run(dir, Dist.cleanEnv(),
                List.of(home.resolve("bin/edeposit-class-archive").toString(), "edeposit-nosuchd"));
        assertEquals(new Dist.Result(2, "", "edeposit-class-archive: 'edeposit-nosuchd' is not a launcher of "
                + home.resolve("bin") + "\n"), unknown);

        // An archive per launcher, some seconds of CPU each (more for the suite's and storage's
        // classes): minutes on the shared 2-core machine.
        Dist.Result made = Dist.run(dir, Dist.cleanEnv(),
                List.of(home.resolve("bin/edeposit-class-archive").toString()), 900);
        assertEquals(0, made.exitCode(), made.toString());
        // One archive per launcher: an archive holds one class path, and each launcher has its own.
        Matcher archive = Pattern.compile("wrote (\\S+/lib/cds/(edeposit-[a-z0-9-]+)-java-\\S+\\.jsa) for Java ").matcher(made.out());
        Set<String> archived = new TreeSet<>();
        while (archive.find()) {
            assertTrue(Files.isRegularFile(Path.of(archive.group(1))), made.toString());
            archived.add(archive.group(2));
        }
        assertEquals(new TreeSet<>(Dist.launchers().keySet()), archived, made.toString());

        try (TestVhost vhost = TestVhost.withSchema("downloader")) {
            Map<String, String> env = Dist.cleanEnv();
            env.putAll(vhost.env());
            // -Xshare:on makes a JVM fail instead of running without the archive.
            env.put("JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + dir + "/classes-%p.log");
            List<String> common = List.of("--config-dir", Files.createDirectories(dir.resolve("config")).toString(),
                    "--pid-dir", dir.resolve("run").toString(), "--log-file", dir.resolve("daemon.log").toString());
            Dist.Result started = Dist.run(dir, env, command(home, "start", common));
            try {
                assertEquals(0, started.exitCode(), started.toString());
            } finally {
                env.remove("JAVA_OPTS");
                assertEquals(0, Dist.run(dir, env, command(home, "stop", common)).exitCode());
            }
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(file -> file.getFileName().toString().startsWith("classes-")).toList();
        }
        assertEquals(1, logs.size(), "a background start runs one JVM, the daemon's: " + logs);
        for (Path log : logs) {
            List<String> loaded = Files.readAllLines(log);
            long shared = loaded.stream().filter(line -> line.contains("source: shared objects file")).count();
            // Below this, the list no longer matches the code: run scripts/update-class-list.
            assertTrue(shared >= 0.9 * loaded.size(), shared + " of " + loaded.size()
                    + " classes from the archive; scripts/update-class-list brings lib/edeposit.classlist up to date");
        }

        // A jar that changed after the archive was made: the JVM refuses the archive and says nothing.
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            Path jar = jars.filter(file -> file.getFileName().toString().startsWith("edeposit-core-"))
                    .findFirst().orElseThrow();
            Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
        }
        Dist.Result version = Dist.run(dir, Dist.cleanEnv(),
                List.of(home.resolve("bin/" + DAEMON).toString(), "--version"));
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("edeposit-amqp ") && version.out().lines().count() == 1, version.out());
        assertEquals("", version.err());
    }

    private static List<String> command(Path home, String action, List<String> common) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/" + DAEMON).toString(), action));
        command.addAll(common);
        return command;
    }
}
