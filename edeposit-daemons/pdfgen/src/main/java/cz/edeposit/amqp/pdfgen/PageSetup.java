package cz.edeposit.amqp.pdfgen;

/**
 * The page size and margins in points, and the size of body text; headers and footers sit in the
 * top and bottom margins.
 */
record PageSetup(float width, float height, float top, float right, float bottom, float left, float fontSize) {

    static final float MM = 72f / 25.4f;

    /** A4 with 20 mm side margins, room for the logo above and the page numbers below, 10 pt text. */
    static PageSetup a4() {
        return new PageSetup(210 * MM, 297 * MM, 28 * MM, 20 * MM, 20 * MM, 20 * MM, 10);
    }

    float textWidth() {
        return width - left - right;
    }

    PageSetup withFontSize(float size) {
        return new PageSetup(width, height, top, right, bottom, left, size);
    }
}
