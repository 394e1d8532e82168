package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.settings.ConfigException;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two TrueType faces every document is set in, read once at start-up and parsed once per worker
 * thread (a parsed font is not safe to share between threads); each document embeds subsets of them.
 */
final class PdfFonts {

    /** What a character the font lacks prints as. */
    static final int REPLACEMENT = 0xFFFD;

    private final byte[] regular;
    private final byte[] bold;
    private final ThreadLocal<TrueTypeFont[]> parsed;

    private PdfFonts(byte[] regular, byte[] bold) {
        this.regular = regular;
        this.bold = bold;
        this.parsed = ThreadLocal.withInitial(this::parse);
    }

    /** Reads and parses both faces; a file that is not a usable TrueType font stops the start (exit 78). */
    static PdfFonts load(Path regular, String regularKey, Path bold, String boldKey) {
        PdfFonts fonts = new PdfFonts(read(regular, regularKey), read(bold, boldKey));
        check(fonts.regular, regular, regularKey);
        check(fonts.bold, bold, boldKey);
        return fonts;
    }

    private static byte[] read(Path path, String key) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + path + " (" + e.getMessage() + "); install Debian's"
                    + " fonts-dejavu-core or name a readable TrueType font");
        }
    }

    private static void check(byte[] bytes, Path path, String key) {
        try (TrueTypeFont font = parse(bytes)) {
            CmapLookup cmap = font.getUnicodeCmapLookup();
            for (int c : "AžščřďťňůúýáíéěŽŠČŘĎŤŇŮ".codePoints().toArray()) {
                if (cmap.getGlyphId(c) == 0) {
                    throw new ConfigException(key + ": " + path + " has no glyph for '" + Character.toString(c)
                            + "'; name a font with Czech glyphs, such as DejaVu Sans from Debian's fonts-dejavu-core");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException(key + ": " + path + " is not a TrueType font (" + e.getMessage()
                    + "); name one such as DejaVu Sans from Debian's fonts-dejavu-core");
        }
    }

    private static TrueTypeFont parse(byte[] bytes) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }

    private TrueTypeFont[] parse() {
        try {
            return new TrueTypeFont[] {parse(regular), parse(bold)};
        } catch (IOException e) {
            throw new IllegalStateException("a font checked at start-up no longer parses", e);
        }
    }

    /** The faces as fonts of {@code document}, embedded as subsets when it is saved. */
    DocumentFonts forDocument(PDDocument document) throws IOException {
        TrueTypeFont[] faces = parsed.get();
        return new DocumentFonts(PDType0Font.load(document, faces[0], true), PDType0Font.load(document, faces[1], true),
                faces[0].getUnicodeCmapLookup(), faces[1].getUnicodeCmapLookup());
    }

    /** The fonts of one document, and which characters they can print. */
    record DocumentFonts(PDType0Font regular, PDType0Font bold, CmapLookup regularCmap, CmapLookup boldCmap) {

        PDType0Font font(TextStyle style) {
            return style.bold() ? bold : regular;
        }

        /** Whether both faces have a glyph for {@code codePoint}, so that any style prints it. */
        boolean has(int codePoint) {
            return regularCmap.getGlyphId(codePoint) != 0 && boldCmap.getGlyphId(codePoint) != 0;
        }
    }
}
