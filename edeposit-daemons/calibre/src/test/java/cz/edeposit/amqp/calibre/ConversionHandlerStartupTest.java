package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.settings.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up check of ebook-convert, before the daemon consumes anything. */
class ConversionHandlerStartupTest {

    @TempDir
    Path temp;

    private String probe(Path program) throws Exception {
        CalibreSettings settings = StandIn.settings(program, Duration.ofSeconds(1), 1000, temp);
        return ConversionHandler.probe(settings, new EbookConvert(settings, Map.of("PATH", System.getenv("PATH")), false));
    }

    @Test
    void refusesAMissingConverterNamingThePackageToInstall() {
        ConfigException missing = assertThrows(ConfigException.class, () -> probe(temp.resolve("ebook-convert")));
        assertEquals("ebook-convert not found at " + temp.resolve("ebook-convert") + "; install Debian's calibre "
                + "package (apt-get install calibre), or set CALIBRE_EBOOK_CONVERT in calibre.json (or "
                + "EDEPOSIT_CALIBRE_EBOOK_CONVERT) to where ebook-convert is", missing.getMessage());
    }

    @Test
    void refusesAFileThatIsNotExecutableOrNotCalibre() throws Exception {
        Path plain = Files.writeString(temp.resolve("plain"), "x");
        assertTrue(assertThrows(ConfigException.class, () -> probe(plain)).getMessage()
                .startsWith("CALIBRE_EBOOK_CONVERT " + plain + " is not an executable file"));
        Path other = StandIn.script(temp, "other", "echo 'other 1.0'");
        assertTrue(assertThrows(ConfigException.class, () -> probe(other)).getMessage()
                .startsWith(other + " --version did not answer like calibre's ebook-convert (exit 0: other 1.0)"));
    }

    private String probeInSandbox(Path program, Path bwrap) throws Exception {
        CalibreSettings settings = new CalibreSettings(program, Duration.ofSeconds(1), 1000, temp,
                CalibreSettings.DEFAULT_MAX_WORK, true, bwrap);
        return ConversionHandler.probe(settings, new EbookConvert(settings, Map.of(), false));
    }

    @Test
    void refusesToStartWhenTheSandboxCannotBeMadeNamingTheFixes() throws Exception {
        Path fake = StandIn.script(temp, "fake", "echo 'ebook-convert (calibre 6.13.0)'");
        ConfigException failing = assertThrows(ConfigException.class, () -> probeInSandbox(fake, Path.of("/bin/false")));
        assertEquals("the sandbox for ebook-convert could not be made (/bin/false exited with status 1: (no output)); allow "
                + "unprivileged user namespaces (docs/calibre.md, \"The sandbox\"), or set CALIBRE_SANDBOX to false in "
                + "calibre.json (or EDEPOSIT_CALIBRE_SANDBOX) to convert without it, which lets documents read this "
                + "user's files", failing.getMessage());
        Path none = temp.resolve("bwrap");
        ConfigException missing = assertThrows(ConfigException.class, () -> probeInSandbox(fake, none));
        assertTrue(missing.getMessage().startsWith("bwrap not found at " + none + " (or not executable); install "
                + "Debian's bubblewrap package (apt-get install bubblewrap), set CALIBRE_BWRAP"), missing.getMessage());
    }

    @Test
    void probesTheVersionInsideTheSandbox() throws Exception {
        Path fake = StandIn.script(temp, "fake", "test -e /etc/passwd && exit 9\necho 'ebook-convert (calibre 6.13.0)'");
        assertEquals("6.13.0", probeInSandbox(fake, Path.of("/usr/bin/bwrap")));
    }

    @Test
    void readsCalibresVersionAndLeavesNoWorkDirectory() throws Exception {
        Path fake = StandIn.script(temp, "fake", "echo 'ebook-convert (calibre 6.13.0)'\necho 'Created by: Kovid Goyal'");
        assertEquals("6.13.0", probe(fake));
        try (var left = Files.list(temp)) {
            assertEquals(0, left.filter(path -> path.getFileName().toString().startsWith("edeposit-calibre-")).count());
        }
    }
}
