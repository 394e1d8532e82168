package cz.edeposit.amqp.pdfgen;

import java.util.List;

/**
 * One horizontal band of a page: the unit of page breaking. Its pieces sit on one baseline
 * {@code ascent} below the row's top; a drawing (a QR code) fills the whole row.
 *
 * @param spaceBefore  the gap above the row, dropped at the top of a page
 * @param keepWithNext whether a page break may not fall between this row and the next (titles)
 */
record Row(float height, float ascent, float spaceBefore, List<Piece> pieces, Drawing drawing, boolean keepWithNext) {

    /** Text at {@code x} from the left margin; {@code width} is what it measures, for links. */
    record Piece(String text, TextStyle style, float size, String link, float x, float width) {
    }

    /** Something drawn with vectors in the rectangle of a row. */
    interface Drawing {
        void draw(org.apache.pdfbox.pdmodel.PDPageContentStream content, float left, float bottom, float width)
                throws java.io.IOException;
    }

    Row withSpaceBefore(float space) {
        return new Row(height, ascent, space, pieces, drawing, keepWithNext);
    }

    Row keptWithNext() {
        return new Row(height, ascent, spaceBefore, pieces, drawing, true);
    }
}
