package cz.edeposit.amqp.pdfgen;

import org.apache.fontbox.ttf.GlyfCompositeComp;
import org.apache.fontbox.ttf.GlyfCompositeDescript;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only glyphs of a font whose outlines and names PDFBox reads for us, and how much of the font's {@code glyf}
 * table they need. PDFBox 3.0.8 ({@code TrueTypeEmbedder.createFontDescriptor}) draws "H" and "x", looked up by
 * name, for the cap height and x-height of each document's font descriptor when the font's {@code OS/2} table is
 * older than version 2 (DejaVu's is version 1). For that FontBox copies the whole {@code glyf} table (DejaVu Sans:
 * 0.56 MB) besides the file's bytes, and turns the {@code post} table's 6,000 glyph names into a map (0.4 MB),
 * both kept as long as the worker keeps the font; the subset it embeds reads the glyphs from the file's bytes and
 * its names from the {@code post} table, not from these. So a worker's font lists a {@code glyf} table only as long
 * as these glyphs need ({@link LeanTrueType}) and a name map of these names only ({@link #keepOnlyThese}): the
 * same heights, the same PDF byte for byte ({@code LeanTrueTypeTest}), 1.9 MB less heap per worker for the two
 * DejaVu faces (docs/pdfgen.md, "Memory").
 *
 * @param gids       the glyph of each name, as the whole font's names map it (only names the font has)
 * @param glyfLength the bytes of {@code glyf} that hold these glyphs and the glyphs they are composed of
 */
record NamedGlyphs(Map<String, Integer> gids, long glyfLength) {

    /** The names PDFBox looks up; any other name it looked up would not be found in a worker's font. */
    static final List<String> NAMES = List.of("H", "x");

    private static final Logger log = LoggerFactory.getLogger(NamedGlyphs.class);

    NamedGlyphs {
        gids = Map.copyOf(gids);
    }

    /** The named glyphs of {@code font}, parsed whole, and the part of its {@code glyf} table they use. */
    static NamedGlyphs of(TrueTypeFont font) throws IOException {
        Map<String, Integer> gids = new LinkedHashMap<>();
        Deque<Integer> todo = new ArrayDeque<>();
        for (String name : NAMES) {
            int gid = font.nameToGID(name);
            if (gid > 0) {
                gids.put(name, gid);
            }
            todo.add(gid); // 0, .notdef, is what PDFBox draws for a name the font lacks
        }
        long[] offsets = font.getIndexToLocation().getOffsets();
        long end = 0;
        Set<Integer> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            int gid = todo.pop();
            if (gid < 0 || gid + 1 >= offsets.length || !seen.add(gid)) {
                continue;
            }
            end = Math.max(end, offsets[gid + 1]);
            GlyphData glyph = font.getGlyph().getGlyph(gid);
            if (glyph != null && glyph.getDescription() instanceof GlyfCompositeDescript composite) {
                for (GlyfCompositeComp component : composite.getComponents()) {
                    todo.add(component.getGlyphIndex());
                }
            }
        }
        return new NamedGlyphs(new LinkedHashMap<>(gids), end);
    }

    /**
     * Gives {@code font} a name map of {@link #gids} alone before FontBox makes the map of every name (there is no
     * other way to give it one: the field is private). Should a later FontBox name the field otherwise, the font
     * keeps working with the whole map, and {@code NamedGlyphsTest} fails.
     */
    void keepOnlyThese(TrueTypeFont font) {
        try {
            Field names = TrueTypeFont.class.getDeclaredField("postScriptNames");
            names.setAccessible(true);
            names.set(font, gids);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("FontBox's name map could not be set, the font keeps all its glyph names: {}", e.toString());
        }
    }
}
