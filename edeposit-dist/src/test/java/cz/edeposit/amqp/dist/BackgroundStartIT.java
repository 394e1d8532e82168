package cz.edeposit.amqp.dist;

import cz.edeposit.amqp.testing.Await;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A daemon launcher's {@code start} and {@code restart} without {@code -f}: one JVM, the daemon's,
 * started by the shell in a session of its own, which reports on the terminal until it consumes and
 * then writes everything, its JVM's own output too, to its log (lib/launcher.sh, DetachedStart);
 * its failures before that reach the terminal with their exit status, and no temporary file stays.
 */
class BackgroundStartIT {

    private static final String DAEMON = "edeposit-downloaderd";
    private static final Pattern STARTED = Pattern.compile("started with pid (\\d+)");

    private LaunchedDaemon daemon;
    private Path tmp;

    @BeforeEach
    void prepare() throws Exception {
        daemon = LaunchedDaemon.prepare(DAEMON).in(TestVhost.withSchema("downloader"));
        tmp = Files.createDirectories(daemon.work().resolve("tmp"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            assertEquals(List.of(), list(tmp), "the launcher removes its temporary directory");
        } finally {
            daemon.close();
        }
    }

    /** The launcher's environment for {@link LaunchedDaemon#run}: its temporary files in {@link #tmp}, and {@code more}. */
    private Map<String, String> env(String... more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TMPDIR", tmp.toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void startsOneJvmThatReportsOnTheTerminalAndThenWritesItsOwnOutputToTheLog() throws Exception {
        // Each JVM the launcher runs writes a file of its own; the terminal is a pipe, which must close.
        List<String> command = new ArrayList<>(List.of(Dist.bin(DAEMON).toString(), "start", "--config-dir", "config",
                "--pid-dir", daemon.work().resolve("run").toString(), "--log-file", daemon.logFile().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(daemon.work().toFile());
        builder.environment().clear();
        builder.environment().putAll(daemon.env());
        builder.environment().putAll(env("JAVA_OPTS", "-Xlog:gc:file=" + daemon.work() + "/jvm-%p.log"));
        Process launcher = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        CompletableFuture<String> terminal = CompletableFuture.supplyAsync(() -> readAll(launcher));
        String out = read(launcher.getInputStream().readAllBytes());
        assertTrue(launcher.waitFor(120, TimeUnit.SECONDS), "the launcher ends");
        String err = terminal.get(10, TimeUnit.SECONDS); // the pipe closed: no process of the launcher holds it
        assertEquals(0, launcher.exitValue(), out + err + "\nlog:\n" + daemon.log());
        Matcher started = STARTED.matcher(err);
        assertTrue(started.find(), err);
        long pid = Long.parseLong(started.group(1));
        assertEquals(Long.toString(pid), Files.readString(daemon.work().resolve("run/edeposit-downloader.pid")).strip());

        assertEquals(List.of("jvm-" + pid + ".log"), list(daemon.work()).stream().filter(name -> name.startsWith("jvm-")).toList(),
                "one JVM ran, the daemon's");
        String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).replaceFirst(".*\\) ", "").split(" ");
        assertEquals(Long.toString(pid), stat[3], "the daemon leads a session of its own");
        List<String> jvm = List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        assertTrue(jvm.contains("-XX:ReservedCodeCacheSize=16m"), "the daemon's own options (jvm-options.list): " + jvm);
        assertFalse(jvm.contains("-XX:-UsePerfData"), "the daemon's JVM, not a command's quick one: " + jvm);
        assertEquals(daemon.logFile(), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "1")));
        assertEquals(daemon.logFile(), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "2")));
        assertTrue(daemon.log().contains(DAEMON + " started (pid " + pid), daemon.log());

        // The JVM's own output (a thread dump) goes to the log now.
        new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).start().waitFor();
        Await.until("a thread dump in the log", Duration.ofSeconds(30), () -> daemon.log().contains("Full thread dump"));
        setPid(pid);
    }

    @Test
    void restartStopsTheDaemonAndStartsAnotherTheSameWay() throws Exception {
        long first = started(daemon.run(env(), "start"));
        long second = started(daemon.run(env(), "restart"));
        assertNotEquals(first, second);
        assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false));
        Dist.Result again = daemon.run(env(), "start");
        assertEquals(1, again.exitCode(), again.toString());
        assertEquals("It looks like a daemon is already running!\n", again.out(), again.toString()); // stdout, as the original
        setPid(second);
    }

    @Test
    void badSettingsEndTheStartWithTheirOneLineAndNoDaemonStays() throws Exception {
        Files.writeString(daemon.config().resolve("amqp.json"), "{\"NOT_A_SETTING\": 1, \"RABBITMQ_PORT\": [5672]}");
        Dist.Result start = daemon.run(env(), "start");
        assertEquals(78, start.exitCode(), start.toString());
        List<String> lines = start.err().lines().toList();
        assertTrue(lines.get(0).contains("WARN  [main] Settings: Ignoring unknown setting 'NOT_A_SETTING'"), start.err());
        assertTrue(lines.get(1).startsWith(DAEMON + ": error: ") && lines.get(1).contains("RABBITMQ_PORT"), start.err());
        assertEquals(2, lines.size(), start.err());
        assertNoDaemon();
    }

    @Test
    void aUsageErrorEndsTheStartWithStatus2() throws Exception {
        Dist.Result start = daemon.run(env(), "start", "--workers", "0");
        assertEquals(2, start.exitCode(), start.toString());
        assertTrue(start.err().contains("--workers"), start.err());
        assertNoDaemon();
    }

    @Test
    void aStartThatTimesOutSaysSoAndTheDaemonKeepsTrying() throws Exception {
        Dist.Result start = daemon.run(env("EDEPOSIT_RABBITMQ_PORT", "1"), "start", "--start-timeout", "2");
        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.err().contains("waiting for RabbitMQ: "), start.err());
        assertFalse(start.err().contains("RpcSupervisor"), "said once, not again as the log's warning: " + start.err());
        Matcher timedOut = Pattern.compile(DAEMON + " \\(pid (\\d+)\\) is still waiting for RabbitMQ after 2 s; it keeps"
                + " trying in the background").matcher(start.err());
        assertTrue(timedOut.find(), start.err());
        long pid = Long.parseLong(timedOut.group(1));
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "it keeps trying");
        assertEquals(daemon.logFile(), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "2")));
        Dist.Result stop = daemon.run("stop");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static long started(Dist.Result result) {
        Matcher started = STARTED.matcher(result.err());
        assertTrue(result.exitCode() == 0 && started.find(), result.toString());
        return Long.parseLong(started.group(1));
    }

    /** Lets {@link LaunchedDaemon#close} stop the daemon started here. */
    private void setPid(long pid) throws Exception {
        daemon.adopt(pid);
    }

    private void assertNoDaemon() throws Exception {
        String work = daemon.work().toString();
        List<Long> left = ProcessHandle.allProcesses().filter(process -> {
            try {
                return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).contains(work);
            } catch (Exception e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
        assertEquals(List.of(), left, "no process of the start stays");
        assertFalse(Files.exists(daemon.work().resolve("run/edeposit-downloader.pid")));
    }

    private static String readAll(Process launcher) {
        try {
            return read(launcher.getErrorStream().readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
