package cz.edeposit.amqp.dist;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.testing.ReplyCollector;
import cz.edeposit.amqp.testing.TestVhost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One daemon of the distribution, started in the background by its launcher as an operator starts
 * it, for the ITs of a test class: a work directory with {@code config/} (settings go there before
 * {@link #start}), the daemon's vhost with a client channel and the portal's reply queue
 * {@code plone}, and {@link #close} stopping it and removing all of it.
 */
final class LaunchedDaemon implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("started with pid (\\d+)");

    private final String launcher;
    private final Path work;
    private final boolean throughSymlink;
    private TestVhost vhost;
    private Connection connection;
    private Channel client;
    private ReplyCollector replies;
    private long pid;

    private LaunchedDaemon(String launcher, Path work, boolean throughSymlink) {
        this.launcher = launcher;
        this.work = work;
        this.throughSymlink = throughSymlink;
    }

    /** A work directory for {@code launcher}, whose {@code config/} the caller fills before {@link #start}. */
    static LaunchedDaemon prepare(String launcher) throws Exception {
        return prepare(launcher, false);
    }

    /**
     * As {@link #prepare(String)}, but run through a symlink to the launcher in the work directory,
     * from an unrelated working directory beside it, with a relative {@code --config-dir}.
     */
    static LaunchedDaemon prepareThroughSymlink(String launcher) throws Exception {
        return prepare(launcher, true);
    }

    private static LaunchedDaemon prepare(String launcher, boolean throughSymlink) throws Exception {
        Path work = Files.createTempDirectory(launcher.replace("edeposit-", "") + "-it");
        Files.createDirectories(work.resolve("config"));
        if (throughSymlink) {
            Files.createSymbolicLink(work.resolve(launcher), Dist.bin(launcher));
        }
        return new LaunchedDaemon(launcher, work, throughSymlink);
    }

    Path work() {
        return work;
    }

    Path config() {
        return work.resolve("config");
    }

    /** Connects to {@code vhost}, which {@link #close} closes, with a client channel and the reply queue. */
    LaunchedDaemon in(TestVhost vhost) throws Exception {
        this.vhost = vhost;
        connection = vhost.connect();
        client = connection.createChannel();
        replies = new ReplyCollector(connection, "plone");
        return this;
    }

    TestVhost vhost() {
        return vhost;
    }

    Channel client() {
        return client;
    }

    ReplyCollector replies() {
        return replies;
    }

    long pid() {
        return pid;
    }

    /** Starts the daemon in the background and checks that it says so; returns what the launcher printed. */
    Dist.Result start(Map<String, String> extraEnv, String... options) throws Exception {
        Dist.Result started = run(extraEnv, "start", options);
        Matcher matcher = STARTED.matcher(started.err());
        assertTrue(started.exitCode() == 0 && matcher.find(), started + "\nlog:\n" + log());
        pid = Long.parseLong(matcher.group(1));
        return started;
    }

    /** Makes {@link #close} stop the daemon {@code pid}, started by the caller. */
    void adopt(long pid) {
        this.pid = pid;
    }

    Dist.Result start(String... options) throws Exception {
        return start(Map.of(), options);
    }

    /** The daemon JVM's command line, from /proc. */
    List<String> daemonJvm() throws Exception {
        return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
    }

    /** The environment of the launcher: the test's, cleaned, with the vhost's settings. */
    Map<String, String> env() {
        Map<String, String> env = Dist.cleanEnv();
        env.putAll(vhost.env());
        return env;
    }

    /** Runs the launcher with {@code action}, the work directory's config, PID directory and log file, and {@code options}. */
    Dist.Result run(String action, String... options) throws Exception {
        return run(Map.of(), action, options);
    }

    Dist.Result run(Map<String, String> extraEnv, String action, String... options) throws Exception {
        Map<String, String> env = env();
        env.putAll(extraEnv);
        Path dir = throughSymlink ? Files.createDirectories(work.resolve("elsewhere")) : work;
        List<String> command = new ArrayList<>(List.of(throughSymlink ? "../" + launcher : Dist.bin(launcher).toString(),
                action, "--config-dir", throughSymlink ? "../config" : "config",
                "--pid-dir", work.resolve("run").toString(), "--log-file", logFile().toString()));
        command.addAll(List.of(options));
        return Dist.run(dir, env, command);
    }

    Path logFile() {
        return work.resolve("daemon.log");
    }

    /** The daemon's log, or why there is none: for failure messages. */
    String log() {
        try {
            return Files.readString(logFile());
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Stops a started daemon (checking that stop waits for its exit, that it says so and removes its
     * PID file), then removes everything.
     */
    @Override
    public void close() throws Exception {
        try {
            if (pid != 0) {
                Dist.Result stopped = run("stop");
                assertEquals(0, stopped.exitCode(), stopped.toString());
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stop waits for the exit");
                assertTrue(log().contains(launcher + " stopped"), log());
                try (Stream<Path> files = Files.list(work.resolve("run"))) {
                    assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".pid")).toList(),
                            "the daemon removes its PID file");
                }
            }
        } finally {
            try {
                if (connection != null) {
                    connection.close();
                }
            } finally {
                if (vhost != null) {
                    vhost.close();
                }
                try (Stream<Path> files = Files.walk(work)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }
}
