package cz.edeposit.amqp.pdfgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A TrueType font file that FontBox parses into less: it parses every table of a font and every subtable of
 * its {@code cmap} into maps, and each worker keeps its parsed fonts (DejaVu Sans: 3.2 MB of heap, of which
 * 0.7 MB are the file's bytes; 2.1 MB cut down this way: docs/pdfgen.md, "Memory").
 *
 * <p>The file keeps its bytes where they are; only its table directory and the {@code cmap}'s list of
 * subtables are rewritten in place. Listed: the tables FontBox needs to parse a font and PDFBox copies into
 * an embedded subset or its font descriptor (with {@code post}: its glyph names find the glyphs "H" and "x"
 * whose heights go into the descriptor when {@code OS/2} lacks them); of {@code cmap} only the one Unicode
 * subtable FontBox chose. Left out: {@code GPOS}, {@code GDEF}, {@code kern} and the other tables that nothing
 * reads for us, and {@code GSUB}: PDFBox would set its ligatures, which in DejaVu are narrower than the letters
 * the line breaker measured ({@code LigatureWidthTest}; docs/pdfgen.md, "Decisions"), so every letter is shown as
 * its own glyph, as wide as measured. Text without ligatures comes out the same byte for byte
 * ({@code LeanTrueTypeTest}).
 *
 * <p>{@code glyf} is listed only as long as the glyphs PDFBox draws by name need ({@link NamedGlyphs}): FontBox
 * copies the table as long as it is listed, while the embedded subsets take their glyphs from the file's bytes.
 */
final class LeanTrueType {

    static final Set<String> KEPT = Set.of("head", "hhea", "maxp", "loca", "glyf", "hmtx", "cmap", "name", "OS/2",
            "post", "cvt ", "prep", "fpgm", "gasp");
    private static final int RECORD = 16;

    private LeanTrueType() {
    }

    /**
     * A copy of {@code font} listing only the kept tables, its {@code cmap} listing only the subtable of
     * {@code platformId} and {@code encodingId}, its {@code glyf} at most {@code glyfLength} bytes long; a font
     * without that subtable is refused.
     */
    static byte[] strip(byte[] font, int platformId, int encodingId, long glyfLength) {
        byte[] copy = font.clone();
        ByteBuffer out = ByteBuffer.wrap(copy);
        int count = out.getShort(4) & 0xFFFF;
        byte[] directory = new byte[RECORD * count];
        out.get(12, directory);
        ByteBuffer records = ByteBuffer.wrap(directory);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            String name = new String(directory, RECORD * i, 4, StandardCharsets.ISO_8859_1);
            if (!KEPT.contains(name)) {
                continue;
            }
            int offset = records.getInt(RECORD * i + 8);
            int length = records.getInt(RECORD * i + 12);
            if (name.equals("cmap")) {
                cmap(out.slice(offset, length), platformId, encodingId);
            }
            out.put(12 + RECORD * kept, directory, RECORD * i, RECORD);
            if (name.equals("glyf") && glyfLength < length) {
                out.putInt(12 + RECORD * kept + 12, (int) glyfLength);
            }
            kept++;
        }
        // The records left out become zeros; the binary search fields follow the new count.
        out.put(12 + RECORD * kept, new byte[RECORD * (count - kept)]);
        int power = Integer.highestOneBit(kept);
        out.putShort(4, (short) kept).putShort(6, (short) (power * RECORD))
                .putShort(8, (short) Integer.numberOfTrailingZeros(power)).putShort(10, (short) ((kept - power) * RECORD));
        return copy;
    }

    /** Moves the encoding record of the subtable to the front and makes it the only one listed. */
    private static void cmap(ByteBuffer cmap, int platformId, int encodingId) {
        int count = cmap.getShort(2) & 0xFFFF;
        for (int i = 0; i < count; i++) {
            int record = 4 + 8 * i;
            if ((cmap.getShort(record) & 0xFFFF) == platformId && (cmap.getShort(record + 2) & 0xFFFF) == encodingId) {
                cmap.putLong(4, cmap.getLong(record)).putShort(2, (short) 1);
                return;
            }
        }
        throw new IllegalArgumentException("no cmap subtable " + platformId + "/" + encodingId);
    }
}
