package cz.edeposit.amqp.calibre;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a converter sees in the bubblewrap sandbox (real bwrap, a stand-in script for calibre). */
class SandboxTest {

    @TempDir
    Path temp;

    @Test
    void theConverterSeesOnlyItsWorkDirectoryNoNetworkNoSettingsAndIsNotRoot() throws Exception {
        Path marker = Files.writeString(temp.resolve("marker.txt"), "MARKER-OUTSIDE-THE-WORK-DIRECTORY");
        // In a directory of its own: the sandbox binds the directory of a converter outside /usr.
        Path script = StandIn.script(Files.createDirectory(temp.resolve("bin")), "look", String.join("\n",
                "cat " + marker + " 2>&1",
                "for dir in /etc/edeposit /home /root /var; do ls \"$dir\" >/dev/null 2>&1 && echo \"SEES $dir\"; done",
                "echo \"uid=$(id -u)\"",
                "echo \"interfaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' ')\"",
                "echo \"processes=$(ls /proc | grep -c '^[0-9]')\"",
                "env",
                "echo written > \"$2\""));
        Path work = Files.createDirectories(temp.resolve("work"));
        CalibreSettings settings = new CalibreSettings(script, Duration.ofSeconds(30), 1000, work,
                CalibreSettings.DEFAULT_MAX_WORK, true, Path.of("/usr/bin/bwrap"));
        EbookConvert converter = new EbookConvert(settings, Map.of("PATH", System.getenv("PATH"),
                "EDEPOSIT_RABBITMQ_USER_PASSWORD", "secret", "QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu"), true);
        try (WorkDir dir = WorkDir.create(work)) {
            EbookConvert.Run run = converter.convert(dir, dir.resolve("input.txt"), dir.resolve("output.txt"));
            String seen = run.protocol();

            assertEquals(0, run.exitCode(), run::lastLines);
            assertFalse(seen.contains("MARKER-OUTSIDE"), seen);
            assertFalse(seen.contains("SEES "), seen);
            assertTrue(seen.contains("uid=" + Sandbox.ID + "\n"), seen);
            assertTrue(seen.contains("interfaces=lo \n"), seen);
            assertTrue(seen.matches("(?s).*\nprocesses=[1-9]\n.*"), "only the sandbox's own processes: " + seen);
            assertTrue(seen.contains("PATH=/usr/bin:/bin\n"), seen);
            assertTrue(seen.contains("QTWEBENGINE_CHROMIUM_FLAGS=--disable-gpu\n"), "no --no-sandbox: " + seen);
            assertTrue(seen.contains("HOME=" + dir.path() + "\n"), seen);
            assertFalse(seen.contains("secret"), seen);
            assertEquals("written\n", Files.readString(dir.resolve("output.txt")), "the work directory is writable");
        }
    }
}
