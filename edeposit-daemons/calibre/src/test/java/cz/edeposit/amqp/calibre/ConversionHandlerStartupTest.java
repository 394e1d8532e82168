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

    @Test
    void readsCalibresVersionAndLeavesNoWorkDirectory() throws Exception {
        Path fake = StandIn.script(temp, "fake", "echo 'ebook-convert (calibre 6.13.0)'\necho 'Created by: Kovid Goyal'");
        assertEquals("6.13.0", probe(fake));
        try (var left = Files.list(temp)) {
            assertEquals(0, left.filter(path -> path.getFileName().toString().startsWith("edeposit-calibre-")).count());
        }
    }
}
