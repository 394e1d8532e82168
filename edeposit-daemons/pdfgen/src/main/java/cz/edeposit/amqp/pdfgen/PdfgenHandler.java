package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateContract;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.GenerateReview;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.PDF;
import cz.edeposit.amqp.pdfgen.PdfgenMessages.RST2PDF;
import cz.edeposit.amqp.rpc.RpcContext;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.wire.PythonTypes;
import cz.edeposit.amqp.wire.ValueError;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Base64;

/** Answers {@code GenerateReview}, {@code GenerateContract} and {@code RST2PDF} with a {@code PDF} (docs/pdfgen.md). */
final class PdfgenHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(PdfgenHandler.class);

    private final PdfgenSettings settings;
    private final PdfFonts fonts;
    private final byte[] logo;
    private final Clock clock;

    PdfgenHandler(PdfgenSettings settings, Clock clock) {
        this.settings = settings;
        this.fonts = PdfFonts.load(settings.font(), PdfgenSettings.FONT, settings.fontBold(), PdfgenSettings.FONT_BOLD);
        this.logo = settings.logo().map(PdfgenHandler::logo).orElse(null);
        this.clock = clock;
    }

    /** The daemon's handler: reads {@code pdfgen.json}; a missing or unusable font, logo or template stops the start. */
    static PdfgenHandler create(DaemonEnvironment environment) {
        PdfgenSettings settings = PdfgenSettings.load(environment);
        PdfgenHandler handler = new PdfgenHandler(settings, Clock.system(settings.timeZone()));
        log.info("Fonts {} and {}, logo {}, time zone {}; at most {} characters, {} pages and {} s per document",
                settings.font(), settings.fontBold(), settings.logo().map(Path::toString).orElse("none"),
                settings.timeZone(), settings.maxInputChars(), settings.maxPages(), settings.timeout().toMillis() / 1000.0);
        return handler;
    }

    private static byte[] logo(Path path) {
        try (PDDocument probe = new PDDocument()) {
            byte[] bytes = Files.readAllBytes(path);
            PDImageXObject.createFromByteArray(probe, bytes, path.getFileName().toString());
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(PdfgenSettings.LOGO + ": " + path + " is not a PNG or JPEG image that can be read ("
                    + e.getMessage() + "); name one, or set it to \"\" for no logo");
        }
    }

    @Override
    public Object handle(Object request, RpcContext context) throws Exception {
        if (request instanceof GenerateReview review) {
            Limits.checkInput(ReviewPrintout.chars(review), settings.maxInputChars());
            return pdf(ReviewPrintout.render(review, fonts, logo, limits(), now()));
        }
        if (request instanceof GenerateContract || request instanceof RST2PDF) {
            throw new ValueError(PythonTypes.typeText(request) + " is not supported by this version yet");
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    private Limits limits() {
        return Limits.startingNow(settings.maxPages(), settings.timeout());
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock);
    }

    private static PDF pdf(byte[] bytes) {
        return new PDF(Base64.getEncoder().encodeToString(bytes));
    }
}
