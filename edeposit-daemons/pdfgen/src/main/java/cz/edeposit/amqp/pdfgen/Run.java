package cz.edeposit.amqp.pdfgen;

/**
 * A piece of literal text in one style, optionally a link to {@code link}; never interpreted as markup.
 * A {@code '\n'} in the text breaks the line.
 */
record Run(String text, TextStyle style, String link) {

    static Run plain(String text) {
        return new Run(text, TextStyle.REGULAR, null);
    }

    static Run bold(String text) {
        return new Run(text, TextStyle.BOLD, null);
    }
}
