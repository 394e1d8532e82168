package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.settings.ConfigException;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.CmapSubtable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two TrueType faces every document is set in, checked at start-up and parsed once per worker thread
 * (a parsed font is not safe to share between threads); each document embeds subsets of them. A worker
 * parses the files cut down to what the PDFs use ({@link LeanTrueType}), and no copy of the files is kept
 * besides its own: a parsed font holds its file's bytes.
 */
final class PdfFonts {

    /** What a character the font lacks prints as. */
    static final int REPLACEMENT = 0xFFFD;

    private static final String CZECH = "AžščřďťňůúýáíéěŽŠČŘĎŤŇŮ";

    private final Face regular;
    private final Face bold;
    private final ThreadLocal<TrueTypeFont[]> parsed;

    /**
     * A font file, the Unicode subtable of its {@code cmap} that FontBox chose at start-up, and the glyphs PDFBox
     * draws by name.
     */
    private record Face(Path path, String key, int platformId, int encodingId, NamedGlyphs named) {

        /** The file as read now, cut down, parsed; its Czech glyphs checked again (the file may have been replaced). */
        TrueTypeFont parse() throws IOException {
            TrueTypeFont font = PdfFonts.parse(LeanTrueType.strip(FileBytes.read(path), platformId, encodingId,
                    named.glyfLength()));
            named.keepOnlyThese(font);
            checkGlyphs(font, path, key);
            return font;
        }
    }

    private PdfFonts(Face regular, Face bold) {
        this.regular = regular;
        this.bold = bold;
        this.parsed = ThreadLocal.withInitial(this::parse);
    }

    /** Reads and parses both faces; a file that is not a usable TrueType font stops the start (exit 78). */
    static PdfFonts load(Path regular, String regularKey, Path bold, String boldKey) {
        return new PdfFonts(face(regular, regularKey), face(bold, boldKey));
    }

    private static Face face(Path path, String key) {
        byte[] bytes;
        try {
            bytes = FileBytes.read(path);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + path + " (" + e.getMessage() + "); install Debian's"
                    + " fonts-dejavu-core or name a readable TrueType font");
        }
        try {
            Face face;
            try (TrueTypeFont font = parse(bytes)) {
                checkGlyphs(font, path, key);
                CmapSubtable unicode = (CmapSubtable) font.getUnicodeCmapLookup();
                face = new Face(path, key, unicode.getPlatformId(), unicode.getPlatformEncodingId(),
                        NamedGlyphs.of(font));
                // What the workers will parse: the same glyphs and names from the cut-down file, the same outlines
                // of the glyphs PDFBox draws by name.
                try (TrueTypeFont lean = face.parse()) {
                    lean.getName();
                    for (String name : NamedGlyphs.NAMES) {
                        if (!lean.getPath(name).getBounds2D().equals(font.getPath(name).getBounds2D())) {
                            throw new IOException("the glyph " + name + " of the cut-down font differs");
                        }
                    }
                }
            }
            return face;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException config) {
                throw config;
            }
            throw new ConfigException(key + ": " + path + " is not a TrueType font (" + e.getMessage()
                    + "); name one such as DejaVu Sans from Debian's fonts-dejavu-core");
        }
    }

    private static void checkGlyphs(TrueTypeFont font, Path path, String key) throws IOException {
        CmapLookup cmap = font.getUnicodeCmapLookup();
        for (int c : CZECH.codePoints().toArray()) {
            if (cmap.getGlyphId(c) == 0) {
                throw new ConfigException(key + ": " + path + " has no glyph for '" + Character.toString(c)
                        + "'; name a font with Czech glyphs, such as DejaVu Sans from Debian's fonts-dejavu-core");
            }
        }
    }

    private static TrueTypeFont parse(byte[] bytes) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }

    private TrueTypeFont[] parse() {
        try {
            return new TrueTypeFont[] {regular.parse(), bold.parse()};
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a font checked at start-up no longer parses: " + e.getMessage(), e);
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
