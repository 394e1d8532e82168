package cz.edeposit.amqp.pdfgen;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.model.GsubData;
import org.apache.fontbox.ttf.model.ScriptFeature;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The line breaker measures text letter by letter ({@code PDFont.getStringWidth}); PDFBox 3.0.8 shows it through
 * the font's {@code GSUB} ligatures if the font has that table, and DejaVu's ff, ffi, ffl (and in Bold fi, fl)
 * are narrower than their letters (docs/pdfgen.md, "Decisions"). The workers' fonts have no {@code GSUB}
 * ({@link LeanTrueType}), so every letter is shown as its own glyph, exactly as wide as measured.
 */
class LigatureWidthTest {

    /** Every ligature of DejaVu Sans and Bold, in words, and Czech. */
    private static final String TEXT = "office fi fl ff ffi ffl official Rafflesia Příliš žluťoučký kůň úpěl ďábelské ódy";

    @Test
    void dejaVusLigaturesWouldBeShownNarrowerThanTheirLetters() throws IOException {
        // Why GSUB is left out: in the full font, the ligature PDFBox would show for "ff" is narrower.
        try (TrueTypeFont full = new TTFParser().parse(new RandomAccessReadBuffer(
                java.nio.file.Files.readAllBytes(Path.of(PdfgenSettings.DEJAVU, "DejaVuSans.ttf"))))) {
            ScriptFeature liga = full.getGsubData().getFeature("liga");
            int f = full.getUnicodeCmapLookup().getGlyphId('f');
            int ligature = liga.getReplacementForGlyphs(List.of(f, f));
            assertTrue(full.getAdvanceWidth(ligature) < 2 * full.getAdvanceWidth(f),
                    full.getAdvanceWidth(ligature) + " against " + 2 * full.getAdvanceWidth(f));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TextStyle.class, names = {"REGULAR", "BOLD"})
    void everyLetterIsShownAsItsOwnGlyphAsWideAsTheLineBreakerMeasured(TextStyle style) throws IOException {
        PdfFonts fonts = PdfFonts.load(Path.of(PdfgenSettings.DEJAVU, "DejaVuSans.ttf"), "EDEPOSIT_PDFGEN_FONT",
                Path.of(PdfgenSettings.DEJAVU, "DejaVuSans-Bold.ttf"), "EDEPOSIT_PDFGEN_FONT_BOLD");
        float measured;
        GsubData substitutions;
        byte[] pdf;
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = fonts.forDocument(document).font(style);
            substitutions = font.getGsubData();
            measured = font.getStringWidth(TEXT);
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 11);
                content.newLineAtOffset(50, 700);
                content.showTextWithPositioning(new Object[] {TEXT});
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            PDFont font = page.getResources().getFont(page.getResources().getFontNames().iterator().next());
            byte[] shown = shown(page);
            assertEquals(TEXT.codePointCount(0, TEXT.length()), shown.length / 2, "one glyph a letter");
            float drawn = 0;
            for (int i = 0; i < shown.length; i += 2) {
                drawn += font.getWidth(((shown[i] & 0xFF) << 8) | (shown[i + 1] & 0xFF));
            }
            // The PDF's widths are whole thousandths of the text size, rounded from the font's units.
            assertEquals(measured, drawn, 0.5f * shown.length / 2);
        }
        assertSame(GsubData.NO_DATA_FOUND, substitutions, "the worker's font has no substitutions");
    }

    /** The bytes of the strings the page's content shows (two a glyph: Identity-H). */
    private static byte[] shown(PDPage page) throws IOException {
        List<Object> tokens = new PDFStreamParser(page).parse();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<COSBase> operands = new ArrayList<>();
        for (Object token : tokens) {
            if (token instanceof Operator operator) {
                if (operator.getName().equals("TJ") || operator.getName().equals("Tj")) {
                    for (COSBase operand : operands) {
                        if (operand instanceof COSArray array) {
                            array.forEach(element -> write(bytes, element));
                        } else {
                            write(bytes, operand);
                        }
                    }
                }
                operands.clear();
            } else if (token instanceof COSBase operand && !(operand instanceof COSName)) {
                operands.add(operand);
            }
        }
        return bytes.toByteArray();
    }

    private static void write(ByteArrayOutputStream bytes, COSBase element) {
        if (element instanceof COSString string) {
            bytes.writeBytes(string.getBytes());
        }
    }
}
