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
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Answers {@code GenerateReview}, {@code GenerateContract} and {@code RST2PDF} with a {@code PDF} (docs/pdfgen.md). */
final class PdfgenHandler implements RpcHandler {

    private static final Logger log = LoggerFactory.getLogger(PdfgenHandler.class);

    private final PdfgenSettings settings;
    private final PdfFonts fonts;
    private final byte[] logo;
    private final ContractTemplate contract;
    private final Clock clock;

    PdfgenHandler(PdfgenSettings settings, Clock clock) {
        this.settings = settings;
        this.fonts = PdfFonts.load(settings.font(), PdfgenSettings.FONT, settings.fontBold(), PdfgenSettings.FONT_BOLD);
        this.logo = settings.logo().map(PdfgenHandler::logo).orElse(null);
        this.contract = ContractTemplate.load(settings.contractTemplate());
        this.clock = clock;
    }

    /** The daemon's handler: reads {@code pdfgen.json}; a missing or unusable font, logo or template stops the start. */
    static PdfgenHandler create(DaemonEnvironment environment) {
        PdfgenSettings settings = PdfgenSettings.load(environment);
        PdfgenHandler handler = new PdfgenHandler(settings, Clock.system(settings.timeZone()));
        log.info("Fonts {} and {}, logo {}, contract template {}, time zone {}; at most {} characters, {} pages and {} s"
                + " per document", settings.font(), settings.fontBold(), settings.logo().map(Path::toString).orElse("none"),
                handler.contract.source(),
                settings.timeZone(), settings.maxInputChars(), settings.maxPages(), settings.timeout().toMillis() / 1000.0);
        return handler;
    }

    private static byte[] logo(Path path) {
        try (PDDocument probe = new PDDocument()) {
            byte[] bytes = FileBytes.read(path);
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
        if (request instanceof GenerateContract values) {
            return pdf(contract(values));
        }
        if (request instanceof RST2PDF rst) {
            return pdf(rst(rst));
        }
        throw new ValueError("Unknown type of request: '" + PythonTypes.typeText(request) + "'!");
    }

    private byte[] contract(GenerateContract request) throws IOException {
        Map<String, String> values = ContractTemplate.values(request);
        Limits.checkInput(values.values().stream().mapToLong(String::length).sum(), settings.maxInputChars());
        RstParser.Document document = contract.document();
        PageDecor decor = new PageDecor(document.header(),
                document.footer() == null ? PageDecor.PAGE_OF_TOTAL : document.footer(), logo);
        return RstRenderer.render(document, RstStyle.defaults(), decor, text -> ContractTemplate.fill(text, values),
                fonts, limits(), now(), "Smlouva");
    }

    /** reST of the request: its header and footer fields win over its directives; no logo, as in the original. */
    private byte[] rst(RST2PDF request) throws IOException {
        Limits.checkInput(length(request.rstContent()) + length(request.style()) + length(request.header())
                + length(request.footer()), settings.maxInputChars());
        Limits limits = limits();
        RstStyle style = RstStyle.parse(request.style());
        RstParser.Document document = RstParser.parse(request.rstContent() == null ? "" : request.rstContent());
        limits.checkTime();
        String header = request.header() != null ? request.header() : document.header();
        String footer = request.footer() != null ? request.footer()
                : document.footer() != null ? document.footer() : PageDecor.PAGE_OF_TOTAL;
        return RstRenderer.render(document, style, new PageDecor(header, footer, null), UnaryOperator.identity(),
                fonts, limits, now(), "Dokument");
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
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
