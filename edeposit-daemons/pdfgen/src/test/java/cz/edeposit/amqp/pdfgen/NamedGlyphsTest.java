package cz.edeposit.amqp.pdfgen;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker's font keeps of its outlines and glyph names only what PDFBox reads for each document's descriptor. */
class NamedGlyphsTest {

    @ParameterizedTest
    @ValueSource(strings = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
    void theWorkersFontListsGlyfOnlyAsFarAsTheGlyphsDrawnByNameAndMapsOnlyTheirNames(String file) throws IOException {
        byte[] full = Files.readAllBytes(Path.of(PdfgenSettings.DEJAVU, file));
        try (TrueTypeFont whole = LeanTrueTypeTest.parse(full)) {
            NamedGlyphs named = NamedGlyphs.of(whole);
            assertEquals(Map.of("H", whole.nameToGID("H"), "x", whole.nameToGID("x")), named.gids());
            long[] offsets = whole.getIndexToLocation().getOffsets();
            assertEquals(Math.max(offsets[whole.nameToGID("H") + 1], offsets[whole.nameToGID("x") + 1]),
                    named.glyfLength());
            assertTrue(named.glyfLength() * 20 < whole.getGlyph().getLength(), named + " of " + whole.getGlyph().getLength());

            try (TrueTypeFont lean = LeanTrueTypeTest.parse(LeanTrueType.strip(full, 0, 4, named.glyfLength()))) {
                named.keepOnlyThese(lean);
                assertEquals(named.glyfLength(), lean.getGlyph().getLength());
                try (PDDocument document = new PDDocument()) {
                    PDFontDescriptor fromLean = PDType0Font.load(document, lean, true).getFontDescriptor();
                    PDFontDescriptor fromWhole = PDType0Font.load(document, whole, true).getFontDescriptor();
                    assertEquals(fromWhole.getCapHeight(), fromLean.getCapHeight());
                    assertEquals(fromWhole.getXHeight(), fromLean.getXHeight());
                    assertTrue(fromLean.getXHeight() > 0 && fromLean.getXHeight() < fromLean.getCapHeight());
                }
                // After a document's descriptor the lean font still knows no other name: FontBox made no map of all.
                assertNotEquals(0, whole.nameToGID("A"));
                assertEquals(0, lean.nameToGID("A"));
                assertEquals(whole.nameToGID("H"), lean.nameToGID("H"));
            }
        }
    }
}
