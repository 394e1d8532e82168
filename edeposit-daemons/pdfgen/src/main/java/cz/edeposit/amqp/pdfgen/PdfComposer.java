package cz.edeposit.amqp.pdfgen;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Places rows on pages top to bottom, starting a page when the next row does not fit, then draws
 * the header and footer of every page once the page count is known, and saves the document.
 */
final class PdfComposer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PdfComposer.class);
    private static final float SLANT = 0.2f;

    private final PDDocument document = new PDDocument();
    private final PdfFonts.DocumentFonts fonts;
    private final LineBreaker breaker;
    private final PageSetup setup;
    private final Limits limits;
    private final List<Row> kept = new ArrayList<>();
    private PDPage page;
    private PDPageContentStream content;
    private float y;

    PdfComposer(PdfFonts fonts, PageSetup setup, Limits limits) throws IOException {
        this.fonts = fonts.forDocument(document);
        this.breaker = new LineBreaker(this.fonts);
        this.setup = setup;
        this.limits = limits;
    }

    LineBreaker breaker() {
        return breaker;
    }

    PageSetup setup() {
        return setup;
    }

    /** Adds a row below the last; a row kept with the next waits for it, so that both move to a new page together. */
    void add(Row row) throws IOException {
        limits.checkTime();
        if (row.keepWithNext()) {
            kept.add(row);
            return;
        }
        if (!kept.isEmpty()) {
            float height = row.height() + row.spaceBefore();
            for (Row k : kept) {
                height += k.height() + k.spaceBefore();
            }
            if (page != null && y - height < setup.bottom() && !atTop()) {
                newPage();
            }
            for (Row k : kept) {
                place(k);
            }
            kept.clear();
        }
        place(row);
    }

    private boolean atTop() {
        return y >= setup.height() - setup.top();
    }

    private void place(Row row) throws IOException {
        if (page == null) {
            newPage();
        }
        float space = atTop() ? 0 : row.spaceBefore();
        if (y - space - row.height() < setup.bottom() && !atTop()) {
            newPage();
            space = 0;
        }
        y -= space;
        if (row.drawing() != null) {
            row.drawing().draw(content, setup.left(), y - row.height(), setup.textWidth());
        }
        for (Row.Piece piece : row.pieces()) {
            draw(piece, setup.left() + piece.x(), y - row.ascent());
        }
        y -= row.height();
    }

    private void newPage() throws IOException {
        limits.checkPages(document.getNumberOfPages() + 1);
        if (content != null) {
            content.close();
        }
        page = new PDPage(new PDRectangle(setup.width(), setup.height()));
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = setup.height() - setup.top();
    }

    private void draw(Row.Piece piece, float x, float baseline) throws IOException {
        if (piece.text().isBlank()) {
            return;
        }
        if (piece.link() != null) {
            content.setNonStrokingColor(0f, 0.2f, 0.6f);
            Links.add(page, piece.link(), x, baseline - piece.size() * 0.25f, piece.width(), piece.size() * 1.2f);
        } else if (piece.style().literal()) {
            content.setNonStrokingColor(0.3f, 0.3f, 0.3f);
        } else {
            content.setNonStrokingColor(0f, 0f, 0f);
        }
        content.beginText();
        content.setFont(fonts.font(piece.style()), piece.size());
        content.setTextMatrix(new Matrix(1, 0, piece.style().slanted() ? SLANT : 0, 1, x, baseline));
        // Not showText, which was measured to cost twice the layout of a long document. PDFBox 3.0.8 would
        // apply the font's ligatures (GSUB) here too; the parsed fonts have none (LeanTrueType), so the glyphs
        // shown are the letters the line breaker measured: docs/pdfgen.md, "Decisions".
        content.showTextWithPositioning(new Object[] {piece.text()});
        content.endText();
    }

    /** Ends the last page, draws every page's header and footer, and returns the saved PDF. */
    byte[] finish(PageDecor decor, String title, ZonedDateTime created) throws IOException {
        for (Row k : kept) {
            place(k);
        }
        kept.clear();
        if (page == null) {
            newPage();
        }
        content.close();
        content = null;
        PDImageXObject logo = decor.logo() == null ? null
                : PDImageXObject.createFromByteArray(document, decor.logo(), "logo");
        int total = document.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            limits.checkTime();
            PDPage each = document.getPage(i);
            try (PDPageContentStream decoration = new PDPageContentStream(document, each,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                decorate(decoration, decor, logo, i + 1, total);
            }
        }
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(breaker.clean(title));
        info.setProducer("edeposit-amqp pdfgen (Apache PDFBox)");
        info.setCreationDate(GregorianCalendar.from(created));
        document.getDocumentCatalog().setLanguage("cs");
        if (!breaker.missing().isEmpty()) {
            log.warn("The fonts have no glyph for {}: printed as U+FFFD", breaker.missing().stream()
                    .map(c -> String.format("U+%04X", c)).collect(Collectors.joining(", ")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    private void decorate(PDPageContentStream stream, PageDecor decor, PDImageXObject logo, int number, int total)
            throws IOException {
        float left = setup.left();
        float textSize = Math.min(9, setup.fontSize());
        float headerBaseline = setup.height() - setup.top() / 2;
        if (logo != null) {
            float height = Math.min(setup.top() * 0.6f, 15 * PageSetup.MM);
            float width = height * logo.getWidth() / logo.getHeight();
            stream.drawImage(logo, left, setup.height() - setup.top() * 0.2f - height, width, height);
            left += width + 4 * PageSetup.MM;
            headerBaseline = setup.height() - setup.top() * 0.2f - height / 2 - textSize / 3;
        }
        String header = decor.header(number, total);
        if (header != null && !header.isBlank()) {
            line(stream, breaker.clean(header).replace('\n', ' '), textSize, left, headerBaseline,
                    setup.width() - setup.right() - left, false);
        }
        String footer = decor.footer(number, total);
        if (footer != null && !footer.isBlank()) {
            line(stream, breaker.clean(footer).replace('\n', ' '), textSize, setup.left(), setup.bottom() / 2,
                    setup.textWidth(), true);
        }
    }

    /** One line of header or footer text, cut to the width, centred or from the left. */
    private void line(PDPageContentStream stream, String text, float size, float x, float baseline, float width,
                      boolean centred) throws IOException {
        String shown = text;
        while (!shown.isEmpty() && breaker.width(shown, TextStyle.REGULAR, size) > width) {
            shown = shown.substring(0, shown.length() - 1);
        }
        float w = breaker.width(shown, TextStyle.REGULAR, size);
        stream.setNonStrokingColor(0.2f, 0.2f, 0.2f);
        stream.beginText();
        stream.setFont(fonts.regular(), size);
        stream.newLineAtOffset(centred ? x + (width - w) / 2 : x, baseline);
        stream.showTextWithPositioning(new Object[] {shown});
        stream.endText();
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
        document.close();
    }
}
