package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.wire.PreconditionError;

import java.util.List;

/**
 * The formats the original accepted, in its order; a format from a message is used only after it
 * is found here, and then as the list's own string (it becomes a file extension).
 */
final class Formats {

    /** The 24 input formats of edeposit.amqp.calibre. */
    static final List<String> INPUT = List.of("cbz", "cbr", "cbc", "chm", "djvu", "docx", "epub", "fb2",
            "html", "htmlz", "lit", "lrf", "mobi", "odt", "pdf", "prc", "pdb", "pml", "rb", "rtf", "snb",
            "tcr", "txt", "txtz");

    /** The 17 output formats of edeposit.amqp.calibre. */
    static final List<String> OUTPUT = List.of("azw3", "epub", "fb2", "oeb", "lit", "lrf", "mobi", "htmlz",
            "pdb", "pml", "rb", "pdf", "rtf", "snb", "tcr", "txt", "txtz");

    /** ebook-convert writes this output format as a directory, which the reply carries as a zip. */
    static final String DIRECTORY_FORMAT = "oeb";

    private Formats() {
    }

    /** The allowed input format equal to {@code format}; the original raised AssertionError otherwise. */
    static String input(String format) {
        return pick(INPUT, format, "input");
    }

    /** The allowed output format equal to {@code format}; the original raised AssertionError otherwise. */
    static String output(String format) {
        return pick(OUTPUT, format, "output");
    }

    /**
     * Options for the input plugin of {@code inputFile}'s format: HTML input follows no link
     * ({@code --max-levels 0}; calibre's default 5 pulls the local files a page links to into the book).
     */
    static List<String> inputOptions(String inputFile) {
        return inputFile.endsWith(".html") ? List.of("--max-levels", "0") : List.of();
    }

    private static String pick(List<String> allowed, String format, String role) {
        int index = format == null ? -1 : allowed.indexOf(format);
        if (index < 0) {
            throw new PreconditionError("Unsupported " + role + " format " + quote(format) + "; the allowed "
                    + role + " formats are: " + String.join(", ", allowed));
        }
        return allowed.get(index);
    }

    private static String quote(String format) {
        return format == null ? "null" : "'" + format + "'";
    }
}
