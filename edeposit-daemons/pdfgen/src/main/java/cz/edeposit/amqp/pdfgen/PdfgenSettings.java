package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The settings of {@code pdfgen.json}; the original had none (its fonts, logo and contract were in the package).
 *
 * @param font             DejaVu Sans, or another TrueType font with Czech glyphs, for the body text
 * @param fontBold         its bold face, for titles and labels
 * @param logo             a PNG or JPEG for the header of the review and the contract; empty for none
 * @param contractTemplate the operator's contract template (docs/pdfgen.md); empty for the shipped example
 * @param timeZone         the zone of the date and time printed on the review
 * @param maxInputChars    the most characters a request may bring, all its fields together
 * @param maxPages         the most pages one document may have
 * @param timeout          how long making one document may take
 */
public record PdfgenSettings(Path font, Path fontBold, Optional<Path> logo, Optional<Path> contractTemplate,
                             ZoneId timeZone, int maxInputChars, int maxPages, Duration timeout) {

    static final String FILE = "pdfgen.json";
    static final String FONT = "PDFGEN_FONT";
    static final String FONT_BOLD = "PDFGEN_FONT_BOLD";
    static final String LOGO = "PDFGEN_LOGO";
    static final String CONTRACT_TEMPLATE = "PDFGEN_CONTRACT_TEMPLATE";
    static final String TIME_ZONE = "PDFGEN_TIME_ZONE";
    static final String MAX_INPUT_CHARS = "PDFGEN_MAX_INPUT_CHARS";
    static final String MAX_PAGES = "PDFGEN_MAX_PAGES";
    static final String TIMEOUT = "PDFGEN_TIMEOUT";

    static final String DEJAVU = "/usr/share/fonts/truetype/dejavu/";

    /** The keys of {@code pdfgen.json} with their defaults: Debian's fonts-dejavu-core, no logo, the shipped example. */
    public static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .path(FONT, DEJAVU + "DejaVuSans.ttf")
            .path(FONT_BOLD, DEJAVU + "DejaVuSans-Bold.ttf")
            .optionalPath(LOGO, "")
            .optionalPath(CONTRACT_TEMPLATE, "")
            .nonBlank(TIME_ZONE, "Europe/Prague")
            .integer(MAX_INPUT_CHARS, 1_000_000, 1, 100_000_000)
            .integer(MAX_PAGES, 500, 1, 100_000)
            .seconds(TIMEOUT, 60, 0.001, 86_400)
            .build();

    /** Reads {@code pdfgen.json}; a bad value or a missing font is a one-line {@link cz.edeposit.amqp.settings.ConfigException}. */
    public static PdfgenSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, PdfgenSettings::from);
    }

    /** Converts values that core has already checked; the files must be readable and the zone known. */
    static PdfgenSettings from(Settings settings) {
        Path font = font(settings, FONT);
        Path bold = font(settings, FONT_BOLD);
        Optional<Path> logo = settings.optionalPath(LOGO);
        logo.ifPresent(path -> readable(settings, LOGO, path, "a PNG or JPEG image, or \"\" for no logo"));
        Optional<Path> template = settings.optionalPath(CONTRACT_TEMPLATE);
        template.ifPresent(path -> readable(settings, CONTRACT_TEMPLATE, path,
                "the contract template (docs/pdfgen.md), or \"\" for the shipped example"));
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.string(TIME_ZONE));
        } catch (DateTimeException e) {
            throw settings.invalid(TIME_ZONE, "must be a time zone such as \"Europe/Prague\", not \""
                    + settings.string(TIME_ZONE) + "\"");
        }
        return new PdfgenSettings(font, bold, logo, template, zone, (int) settings.integer(MAX_INPUT_CHARS),
                (int) settings.integer(MAX_PAGES), settings.duration(TIMEOUT));
    }

    private static Path font(Settings settings, String key) {
        Path path = settings.path(key);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw settings.invalid(key, "names " + path + ", which is not a readable file; install Debian's"
                    + " fonts-dejavu-core (apt-get install fonts-dejavu-core) or name a TrueType font with Czech glyphs");
        }
        return path;
    }

    private static void readable(Settings settings, String key, Path path, String what) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw settings.invalid(key, "names " + path + ", which is not a readable file; it must be " + what);
        }
    }
}
