package cz.edeposit.amqp.pdfgen;

import org.apache.fontbox.ttf.CmapSubtable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cut-down fonts the workers parse: smaller, and text without ligatures set in them the same byte for byte. */
class LeanTrueTypeTest {

    /**
     * Czech, quotes, dashes, arrows, U+FFFD; no "ff", "fi" or "fl", which the full font's GSUB would set as
     * ligatures and the lean font as letters (LigatureWidthTest).
     */
    private static final String TEXT = "Příliš žluťoučký kůň úpěl ďábelské ódy. ŽŠČŘĎŤŇŮ f i l of ice „uvozovky“ "
            + "– — … € § © ® → ← 0123456789 ISBN 978-80-87899-15-1 https://example.org/?a=1&b=2 \uFFFD";

    @ParameterizedTest
    @ValueSource(strings = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
    void aDocumentSetInTheLeanFontIsTheSameByteForByte(String file) throws IOException {
        byte[] full = Files.readAllBytes(Path.of(PdfgenSettings.DEJAVU, file));
        CmapSubtable unicode;
        NamedGlyphs named;
        try (TrueTypeFont font = parse(full)) {
            unicode = (CmapSubtable) font.getUnicodeCmapLookup();
            named = NamedGlyphs.of(font);
        }
        byte[] lean = LeanTrueType.strip(full, unicode.getPlatformId(), unicode.getPlatformEncodingId(),
                named.glyfLength());

        String fromFull = withoutId(pdf(full, null));
        String fromLean = withoutId(pdf(lean, named));
        assertTrue(fromFull.length() > 10_000);
        assertEquals(fromFull, fromLean);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
    void theLeanFontListsTheKeptTablesAndOneCmapSubtable(String file) throws IOException {
        byte[] full = Files.readAllBytes(Path.of(PdfgenSettings.DEJAVU, file));
        try (TrueTypeFont original = parse(full);
             TrueTypeFont lean = parse(LeanTrueType.strip(full, 0, 4, Long.MAX_VALUE))) {
            assertTrue(original.getCmap().getCmaps().length > 1);
            assertTrue(original.getTableMap().containsKey("kern"));
            assertTrue(original.getTableMap().containsKey("GPOS"));
            Set<String> kept = new TreeSet<>(original.getTableMap().keySet());
            kept.retainAll(LeanTrueType.KEPT);
            assertEquals(kept, new TreeSet<>(lean.getTableMap().keySet()));
            assertEquals(1, lean.getCmap().getCmaps().length);
            assertEquals(0, lean.getCmap().getCmaps()[0].getPlatformId());
            assertEquals(4, lean.getCmap().getCmaps()[0].getPlatformEncodingId());
            assertEquals(original.nameToGID("H"), lean.nameToGID("H"));
            assertEquals(original.getName(), lean.getName());
            int[] sample = TEXT.codePoints().toArray();
            assertArrayEquals(Arrays.stream(sample).map(c -> glyph(original, c)).toArray(),
                    Arrays.stream(sample).map(c -> glyph(lean, c)).toArray());
            assertNotEquals(0, glyph(lean, 'ř'));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 99})
    void aSubtableTheFontLacksIsRefused(int encodingId) throws IOException {
        byte[] full = Files.readAllBytes(Path.of(PdfgenSettings.DEJAVU, "DejaVuSans.ttf"));
        assertThrows(IllegalArgumentException.class, () -> LeanTrueType.strip(full, 3, encodingId, Long.MAX_VALUE));
    }

    /** The PDF as Latin-1 text without its file identifier, which PDFBox makes from the time of saving. */
    static String withoutId(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        String without = text.replaceFirst("/ID \\[<[0-9A-F]+> <[0-9A-F]+>\\]", "/ID []");
        assertNotEquals(text, without);
        return without;
    }

    private static int glyph(TrueTypeFont font, int codePoint) {
        try {
            return font.getUnicodeCmapLookup().getGlyphId(codePoint);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TrueTypeFont parse(byte[] bytes) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }

    /**
     * A page of {@link #TEXT} as the composer sets text: an embedded subset, shown with positioning, measured;
     * with {@code named}, in the font as a worker keeps it (the name map of those glyphs alone).
     */
    static byte[] pdf(byte[] fontFile, NamedGlyphs named) throws IOException {
        try (PDDocument document = new PDDocument(); TrueTypeFont ttf = parse(fontFile)) {
            if (named != null) {
                named.keepOnlyThese(ttf);
            }
            PDType0Font font = PDType0Font.load(document, ttf, true);
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 11);
                content.newLineAtOffset(50, 700);
                content.showTextWithPositioning(new Object[] {TEXT});
                content.newLineAtOffset(0, -20);
                content.showTextWithPositioning(new Object[] {"šířka " + font.getStringWidth(TEXT)});
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
