package cz.edeposit.amqp.pdfgen;

/** How a run of text is set: both faces, with slanted text for emphasis and grey for literals. */
enum TextStyle {
    REGULAR(false, false, false),
    BOLD(true, false, false),
    ITALIC(false, true, false),
    BOLD_ITALIC(true, true, false),
    CODE(false, false, true);

    private final boolean bold;
    private final boolean slanted;
    private final boolean literal;

    TextStyle(boolean bold, boolean slanted, boolean literal) {
        this.bold = bold;
        this.slanted = slanted;
        this.literal = literal;
    }

    boolean bold() {
        return bold;
    }

    boolean slanted() {
        return slanted;
    }

    boolean literal() {
        return literal;
    }
}
