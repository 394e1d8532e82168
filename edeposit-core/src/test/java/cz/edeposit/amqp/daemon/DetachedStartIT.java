package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.EchoDaemon;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A background start in the JVM the shell launcher started ({@link DetachedStart}), here without the
 * shell: its report on a pipe, its status in the report directory, and the pipe closed once it
 * started even when JNA cannot load (its output then goes to /dev/null, with a warning in the log).
 */
class DetachedStartIT {

    @TempDir
    Path dir;

    private TestVhost vhost;
    private DaemonProcess daemon;

    @BeforeEach
    void setUp() throws Exception {
        vhost = TestVhost.withSchema("downloader");
        Map<String, String> env = new HashMap<>(vhost.env());
        env.put(DetachedStart.REPORT, Files.createDirectories(dir.resolve("report")).toString());
        daemon = new DaemonProcess(EchoDaemon.class, env, List.of(
                "--config-dir", vhost.emptyConfigDir().toString(), "--pid-dir", dir.toString(),
                "--log-file", log().toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon.run("stop");
        vhost.close();
    }

    private Path log() {
        return dir.resolve("edeposit-echo-test.log");
    }

    @Test
    void reportsTheStartOnThePipeAndClosesItEvenWithoutJna() throws Exception {
        // JNA finds its native library neither in its jar nor on the system.
        Process jvm = daemon.withJvmOptions(List.of("-XX:TieredStopAtLevel=1", "-Djna.nosys=true",
                "-Djna.nounpack=true", "-Djna.boot.library.path=" + dir.resolve("none"))).startPiped("start");
        CompletableFuture<String> pipe = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String said = pipe.get(120, TimeUnit.SECONDS); // the end of the pipe: the JVM let go of it
        assertTrue(said.contains("started with pid " + jvm.pid()), said + "\nlog:\n" + Files.readString(log()));
        assertTrue(jvm.isAlive(), "the daemon runs on");
        assertEquals("0\n", Files.readString(dir.resolve("report/status")));
        assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(Path.of("/proc", Long.toString(jvm.pid()), "fd", "1")));
        assertTrue(Files.readString(log()).contains("Cannot point the JVM's own standard output and error at " + log()),
                Files.readString(log()));
    }
}
