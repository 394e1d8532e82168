package cz.edeposit.amqp.dist;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launchers as an operator runs them: from anywhere, through links, with or without a usable Java. */
class LauncherIT {

    private static final String DAEMON = "edeposit-downloaderd";

    @TempDir
    Path elsewhere;

    @AfterEach
    void removeLinks() throws Exception {
        // JUnit warns about links to outside its temp dir; they are ours to remove.
        try (Stream<Path> files = Files.list(elsewhere)) {
            for (Path file : files.filter(Files::isSymbolicLink).toList()) {
                Files.delete(file);
            }
        }
    }

    private Dist.Result run(Map<String, String> env, String... command) throws Exception {
        return Dist.run(elsewhere, env, List.of(command));
    }

    @Test
    void printsHelpFromAnyWorkingDirectory() throws Exception {
        Dist.Result help = run(Dist.cleanEnv(), Dist.bin(DAEMON).toString(), "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: edeposit-downloaderd "), help.out());
        assertTrue(help.out().contains("AMQP binding for downloader."), help.out());
    }

    @Test
    void everyDaemonLauncherRunsItsOwnDaemon() throws Exception {
        for (Map.Entry<String, String[]> launcher : Dist.launchers().entrySet()) {
            if (!"daemon".equals(launcher.getValue()[0])) {
                continue;
            }
            Dist.Result help = run(Dist.cleanEnv(), Dist.bin(launcher.getKey()).toString(), "--help");
            assertEquals(0, help.exitCode(), launcher.getKey() + ": " + help);
            assertTrue(help.out().startsWith("Usage: " + launcher.getKey() + " "), help.out());
            Dist.Result status = run(Dist.cleanEnv(), Dist.bin(launcher.getKey()).toString(), "status",
                    "--pid-dir", elsewhere.toString());
            assertEquals(3, status.exitCode(), launcher.getKey() + ": " + status);
        }
    }

    @Test
    void findsTheDistributionThroughAChainOfSymlinks() throws Exception {
        Path first = Files.createSymbolicLink(elsewhere.resolve("first"), Dist.bin(DAEMON));
        Path second = Files.createSymbolicLink(elsewhere.resolve("edeposit-downloaderd"), Path.of("first"));
        Dist.Result version = run(Dist.cleanEnv(), second.toString(), "--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.out().startsWith("edeposit-amqp "), version.out());
        assertTrue(Files.isSymbolicLink(first));
    }

    @Test
    void usesJavaHomeWhenSetAndSaysSoWhenItHasNoJava() throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", elsewhere.toString()); // readlink only, no java
        Files.createSymbolicLink(elsewhere.resolve("readlink"), Path.of("/bin/readlink").toRealPath());
        assertEquals(0, run(env, "/bin/sh", Dist.bin(DAEMON).toString(), "--version").exitCode());

        env.put("JAVA_HOME", elsewhere.toString());
        Dist.Result broken = run(env, "/bin/sh", Dist.bin(DAEMON).toString(), "--help");
        assertEquals(new Dist.Result(1, "", "edeposit-downloaderd: JAVA_HOME is '" + elsewhere + "', but " + elsewhere
                + "/bin/java is not an executable; point JAVA_HOME at Java 17 or later, or unset it\n"), broken);
    }

    @Test
    void saysInOneLineThatNoJavaWasFound() throws Exception {
        Files.createSymbolicLink(elsewhere.resolve("readlink"), Path.of("/bin/readlink").toRealPath());
        Map<String, String> env = Dist.cleanEnv();
        env.put("PATH", elsewhere.toString());
        Dist.Result none = run(env, "/bin/sh", Dist.bin(DAEMON).toString(), "start");
        assertEquals(new Dist.Result(1, "", "edeposit-downloaderd: no Java found: install Java 17 or later"
                + " (Debian: apt-get install openjdk-17-jre-headless), or set JAVA_HOME\n"), none);
    }

    @Test
    void startsTheDaemonJvmWithSmallDaemonDefaultsThatJavaOptsOverride() throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        // start -f --help shows the options a foreground start would run the daemon with, without starting it
        // (a background start gives them to the daemon's JVM: DownloaderDaemonIT).
        Dist.Result start = run(env, Dist.bin(DAEMON).toString(), "start", "-f", "--help");
        assertEquals(0, start.exitCode(), start.toString());
        for (String flag : List.of("-XX:+UseSerialGC", "-XX:ThreadStackSize=512", "-XX:MaxHeapSize=536870912",
                "-XX:+ExitOnOutOfMemoryError")) {
            assertTrue(start.out().contains(flag), flag + " in " + start.out());
        }
        assertTrue(start.out().contains("-XX:TieredStopAtLevel=1") && start.out().contains("-XX:ReservedCodeCacheSize=16777216"),
                "the daemon's own options (jvm-options.list): " + start.out());
        assertFalse(start.out().contains("UsePerfData"), "a daemon keeps its hsperfdata for jcmd and jstat");

        env.put("JAVA_OPTS", "-Xmx64m -XX:+PrintCommandLineFlags");
        Dist.Result overridden = run(env, Dist.bin(DAEMON).toString(), "start", "--foreground", "--help");
        assertTrue(overridden.out().contains("-XX:MaxHeapSize=67108864"), overridden.out());
    }

    @Test
    void runsShortActionsWithTheQuickCompilerOnlyAndNoPerfData() throws Exception {
        Map<String, String> env = Dist.cleanEnv();
        env.put("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        // start --help without -f: over in a moment, as --help.
        for (List<String> action : List.of(List.of("--help"), List.of("status", "--pid-dir", elsewhere.toString()),
                List.of("start", "--help"), List.of("--workers=2", "restart", "--help"))) {
            List<String> command = new ArrayList<>(List.of(Dist.bin(DAEMON).toString()));
            command.addAll(action);
            Dist.Result result = Dist.run(elsewhere, env, command);
            assertTrue(result.out().contains("-XX:TieredStopAtLevel=1"), action + ": " + result.out());
            assertTrue(result.out().contains("-XX:-UsePerfData"), action + ": " + result.out());
        }
    }

    @Test
    void daemonsLogInTheBuiltInFormatUnlessALogbackFileIsGiven() throws Exception {
        Path config = Files.createDirectories(elsewhere.resolve("config"));
        // An unknown key is logged as a warning, then the bad port ends the start (78) before any broker is needed.
        Files.writeString(config.resolve("amqp.json"), "{\"NOT_A_SETTING\": 1, \"RABBITMQ_PORT\": [5672]}");
        List<String> start = List.of(Dist.bin(DAEMON).toString(), "start", "--foreground",
                "--config-dir", config.toString(), "--pid-dir", elsewhere.toString());
        Map<String, String> env = Dist.cleanEnv();
        Dist.Result builtIn = Dist.run(elsewhere, env, start);
        assertEquals(78, builtIn.exitCode(), builtIn.toString());
        assertTrue(builtIn.out().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"
                + " WARN  \\[main\\] Settings: Ignoring unknown setting 'NOT_A_SETTING' in .*\n"), builtIn.out());

        env.put("EDEPOSIT_LOG_LEVEL", "ERROR");
        assertEquals("", Dist.run(elsewhere, env, start).out());

        Path custom = Files.writeString(elsewhere.resolve("logback.xml"), "<configuration>"
                + "<appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>custom %level %msg%n</pattern></encoder></appender>"
                + "<root level=\"INFO\"><appender-ref ref=\"OUT\"/></root></configuration>");
        env.put("JAVA_OPTS", "-Dlogback.configurationFile=" + custom);
        Dist.Result overridden = Dist.run(elsewhere, env, start);
        assertEquals(78, overridden.exitCode(), overridden.toString());
        assertTrue(overridden.out().contains("custom WARN Ignoring unknown setting 'NOT_A_SETTING'"), overridden.out());
    }

    @Test
    void passesArgumentsWithBlanksUnchanged() throws Exception {
        Path dir = Files.createDirectories(elsewhere.resolve("a dir with blanks *"));
        Dist.Result status = run(Dist.cleanEnv(), Dist.bin(DAEMON).toString(), "status", "--pid-dir", dir.toString());
        assertEquals(new Dist.Result(3, "edeposit-downloaderd is not running\n", ""), status);
    }
}
