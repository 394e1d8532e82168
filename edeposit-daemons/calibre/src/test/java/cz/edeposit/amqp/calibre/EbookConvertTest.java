package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.UserWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner around the converter, with a stand-in script; real conversions are in the IT tests. */
class EbookConvertTest {

    @TempDir
    Path temp;

    private Path work() throws Exception {
        return Files.createDirectories(temp.resolve("work"));
    }

    @Test
    void killsTheWholeProcessTreeAtTheTimeOutAndReportsItsLastOutput() throws Exception {
        Path pids = temp.resolve("pids");
        Path script = StandIn.script(temp, "slow", "echo starting\nsleep 300 & echo $! >> \"$PIDS\"\n"
                + "sh -c 'sleep 300 & echo $! >> \"$PIDS\"; wait' &\necho $! >> \"$PIDS\"\nwait");
        EbookConvert converter = new EbookConvert(StandIn.settings(script, Duration.ofSeconds(1), 1000, work()),
                Map.of("PIDS", pids.toString(), "PATH", System.getenv("PATH")), false);
        try (WorkDir dir = WorkDir.create(work())) {
            UserWarning timeout = assertThrows(UserWarning.class,
                    () -> converter.convert(dir, dir.resolve("input.txt"), dir.resolve("output.epub")));
            assertTrue(timeout.getMessage().startsWith("Conversion failed: ebook-convert did not finish within 1 s "
                    + "(CALIBRE_TIMEOUT_SECONDS), so it and its child processes were killed. Its last output:\nstarting"),
                    timeout.getMessage());
        }
        List<String> started = Files.readAllLines(pids);
        assertEquals(3, started.size(), started::toString);
        for (String pid : started) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(process ->
                    assertFalse(ProcessTree.running(process), () -> "survived the time-out: " + pid));
        }
        assertEquals(List.of(), List.of(work().toFile().list()), "the work directory is gone");
    }

    @Test
    void killsAConverterWhoseOutputOutgrowsTheLimit() throws Exception {
        Path script = StandIn.script(temp, "big", "head -c 5000 /dev/zero > \"$2\"\nexec sleep 300");
        EbookConvert converter = new EbookConvert(StandIn.settings(script, Duration.ofSeconds(60), 4000, work()),
                Map.of("PATH", System.getenv("PATH")), false);
        long started = System.nanoTime();
        try (WorkDir dir = WorkDir.create(work())) {
            UserWarning tooBig = assertThrows(UserWarning.class,
                    () -> converter.convert(dir, dir.resolve("input.txt"), dir.resolve("output.txt")));
            assertEquals("Conversion failed: the output grew beyond 4000 bytes (CALIBRE_MAX_OUTPUT_BYTES), "
                    + "so ebook-convert was killed", tooBig.getMessage());
        }
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "killed long before its time-out");
    }

    @Test
    void killsAConverterWhoseWorkDirectoryOutgrowsTheLimitWhereverInItItWrites() throws Exception {
        Path script = StandIn.script(temp, "unpacks", "mkdir -p tmp/unpacked\nhead -c 2000000 /dev/zero > tmp/unpacked/bomb\n"
                + "exec sleep 300");
        CalibreSettings settings = new CalibreSettings(script, Duration.ofSeconds(60), 4000, work(), 1 << 20, false,
                Path.of("/usr/bin/bwrap"));
        EbookConvert converter = new EbookConvert(settings, Map.of("PATH", System.getenv("PATH")), false);
        long started = System.nanoTime();
        try (WorkDir dir = WorkDir.create(work())) {
            UserWarning tooBig = assertThrows(UserWarning.class,
                    () -> converter.convert(dir, dir.resolve("input.epub"), dir.resolve("output.txt")));
            assertEquals("Conversion failed: the work directory grew beyond 1048576 bytes (CALIBRE_MAX_WORK_BYTES), "
                    + "so ebook-convert was killed", tooBig.getMessage());
        }
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "killed long before its time-out");
    }

    @Test
    void htmlInputFollowsNoLinks() throws Exception {
        Path script = StandIn.script(temp, "args", "echo \"$@\"");
        EbookConvert converter = new EbookConvert(StandIn.settings(script, Duration.ofSeconds(30), 1000, work()),
                Map.of("PATH", System.getenv("PATH")), false);
        try (WorkDir dir = WorkDir.create(work())) {
            assertEquals(dir.resolve("input.html") + " " + dir.resolve("output.epub") + " --max-levels 0\n",
                    converter.convert(dir, dir.resolve("input.html"), dir.resolve("output.epub")).protocol());
            assertEquals(dir.resolve("input.htmlz") + " " + dir.resolve("output.epub") + "\n",
                    converter.convert(dir, dir.resolve("input.htmlz"), dir.resolve("output.epub")).protocol());
        }
    }

    @Test
    void givesTheChildAPrivateHeadlessEnvironmentWithoutTheDaemonsSettings() throws Exception {
        Path script = StandIn.script(temp, "env", "env");
        Map<String, String> daemonEnv = Map.of("PATH", System.getenv("PATH"), "LANG", "C.UTF-8",
                "EDEPOSIT_RABBITMQ_USER_PASSWORD", "secret", "CALIBRE_TEMP_DIR", "/elsewhere");
        EbookConvert asRoot = new EbookConvert(StandIn.settings(script, Duration.ofSeconds(30), 1000, work()), daemonEnv, true);
        try (WorkDir dir = WorkDir.create(work())) {
            String env = asRoot.convert(dir, dir.resolve("input.txt"), dir.resolve("output.txt")).protocol();
            assertTrue(env.contains("QT_QPA_PLATFORM=offscreen\n"), env);
            assertTrue(env.contains("QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox\n"), env);
            assertTrue(env.contains("LANG=C.UTF-8\n"), env);
            assertTrue(env.contains("TMPDIR=" + dir.resolve("tmp") + "\n"), env);
            assertTrue(env.contains("CALIBRE_TEMP_DIR=" + dir.resolve("tmp") + "\n"), env);
            assertTrue(env.contains("CALIBRE_CONFIG_DIRECTORY=" + dir.resolve("config") + "\n"), env);
            assertTrue(env.contains("HOME=" + dir.path() + "\n"), env);
            assertFalse(env.contains("EDEPOSIT_"), env);
            assertFalse(env.contains("secret"), env);
        }
        EbookConvert notRoot = new EbookConvert(StandIn.settings(script, Duration.ofSeconds(30), 1000, work()), daemonEnv, false);
        try (WorkDir dir = WorkDir.create(work())) {
            String env = notRoot.convert(dir, dir.resolve("input.txt"), dir.resolve("output.txt")).protocol();
            assertFalse(env.contains("--no-sandbox"), "the sandbox stays on for a normal user");
        }
    }

    @Test
    void reportsTheExitStatusAndTheLastTwentyLinesOfBothStreams() throws Exception {
        Path script = StandIn.script(temp, "fails", "for i in $(seq 1 30); do echo out $i; done\n"
                + "echo 'Traceback: ValueError: Not a ZIP file' >&2\nexit 3");
        EbookConvert converter = new EbookConvert(StandIn.settings(script, Duration.ofSeconds(30), 1000, work()),
                Map.of("PATH", System.getenv("PATH")), false);
        try (WorkDir dir = WorkDir.create(work())) {
            EbookConvert.Run run = converter.convert(dir, dir.resolve("input.txt"), dir.resolve("output.txt"));
            assertEquals(3, run.exitCode());
            List<String> lines = run.lastLines().lines().toList();
            assertEquals(20, lines.size());
            assertEquals("out 12", lines.get(0));
            assertEquals("Traceback: ValueError: Not a ZIP file", lines.get(19));
        }
    }
}
