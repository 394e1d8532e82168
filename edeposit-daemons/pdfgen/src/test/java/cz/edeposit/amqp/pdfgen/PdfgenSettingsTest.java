package cz.edeposit.amqp.pdfgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.settings.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code pdfgen.json}: defaults, the example the distribution ships, overrides and bad values. */
class PdfgenSettingsTest {

    /** The example settings the distribution ships, in the repository's top-level config/. */
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path dir;

    @Test
    void defaultsAreDebiansDejaVuNoLogoTheShippedTemplatePragueAndTheIssuesLimits() {
        assertEquals(new PdfgenSettings(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), Optional.empty(), Optional.empty(),
                ZoneId.of("Europe/Prague"), 1_000_000, 500, Duration.ofSeconds(60)), Handlers.settings(dir, Map.of()));
    }

    @Test
    void theShippedExampleListsEveryKeyWithItsDefault() throws Exception {
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(SHIPPED.resolve(PdfgenSettings.FILE).toFile()).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(PdfgenSettings.SCHEMA.keys()), keys);
        assertEquals(Handlers.settings(dir, Map.of()), Handlers.settings(SHIPPED, Map.of()));
    }

    @Test
    void readsTheFileAndLetsTheEnvironmentOverrideIt() throws Exception {
        Files.writeString(dir.resolve("pdfgen.json"), "{\"PDFGEN_MAX_PAGES\": 20, \"PDFGEN_TIME_ZONE\": \"UTC\"}");
        PdfgenSettings settings = Handlers.settings(dir, Map.of("EDEPOSIT_PDFGEN_TIMEOUT", "2.5"));
        assertEquals(20, settings.maxPages());
        assertEquals(ZoneId.of("UTC"), settings.timeZone());
        assertEquals(Duration.ofMillis(2500), settings.timeout());
    }

    @Test
    void aMissingFontNamesTheKeyTheFileAndTheDebianPackage() {
        Path missing = dir.resolve("no/DejaVuSans.ttf");
        ConfigException error = assertThrows(ConfigException.class,
                () -> Handlers.settings(dir, Map.of("EDEPOSIT_PDFGEN_FONT_BOLD", missing.toString())));
        assertEquals("EDEPOSIT_PDFGEN_FONT_BOLD: names " + missing + ", which is not a readable file; install Debian's"
                + " fonts-dejavu-core (apt-get install fonts-dejavu-core) or name a TrueType font with Czech glyphs",
                error.getMessage());
    }

    @Test
    void aFileThatIsNotAFontStopsTheHandlerNamingTheKey() throws Exception {
        Path text = Files.writeString(dir.resolve("font.ttf"), "not a font");
        ConfigException error = assertThrows(ConfigException.class,
                () -> Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_FONT", text.toString())));
        assertEquals("PDFGEN_FONT: " + text + " is not a TrueType font", error.getMessage().replaceFirst(" \\(.*", ""));
    }

    @Test
    void refusesAnUnknownTimeZoneAMissingLogoAndLimitsOutOfRange() throws Exception {
        assertEquals("EDEPOSIT_PDFGEN_TIME_ZONE: must be a time zone such as \"Europe/Prague\", not \"Europe/Brno\"",
                assertThrows(ConfigException.class, () -> Handlers.settings(dir,
                        Map.of("EDEPOSIT_PDFGEN_TIME_ZONE", "Europe/Brno"))).getMessage());
        assertEquals("EDEPOSIT_PDFGEN_LOGO: names /nowhere/logo.png, which is not a readable file; it must be a PNG or"
                + " JPEG image, or \"\" for no logo", assertThrows(ConfigException.class, () -> Handlers.settings(dir,
                        Map.of("EDEPOSIT_PDFGEN_LOGO", "/nowhere/logo.png"))).getMessage());
        assertEquals("EDEPOSIT_PDFGEN_MAX_PAGES: must be a whole number from 1 to 100000, not \"0\"",
                assertThrows(ConfigException.class, () -> Handlers.settings(dir,
                        Map.of("EDEPOSIT_PDFGEN_MAX_PAGES", "0"))).getMessage());
    }

    @Test
    void aLogoThatIsNotAnImageStopsTheHandlerNamingTheKey() throws Exception {
        Path logo = Files.writeString(dir.resolve("logo.png"), "not an image");
        ConfigException error = assertThrows(ConfigException.class,
                () -> Handlers.handler(dir, Map.of("EDEPOSIT_PDFGEN_LOGO", logo.toString())));
        assertEquals("PDFGEN_LOGO: " + logo + " is not a PNG or JPEG image that can be read",
                error.getMessage().replaceFirst(" \\(.*", ""));
    }
}
