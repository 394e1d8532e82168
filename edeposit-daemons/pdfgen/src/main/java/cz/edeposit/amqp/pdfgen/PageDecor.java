package cz.edeposit.amqp.pdfgen;

/**
 * What every page repeats: a header line, a footer line (both may hold {@code ###Page###} and
 * {@code ###Total###}; null for none) and the operator's logo in the header (null for none).
 */
record PageDecor(String header, String footer, byte[] logo) {

    static final String PAGE = "###Page###";
    static final String TOTAL = "###Total###";

    /** The original's footer: page number and page count. */
    static final String PAGE_OF_TOTAL = PAGE + "/" + TOTAL;

    String header(int page, int total) {
        return fill(header, page, total);
    }

    String footer(int page, int total) {
        return fill(footer, page, total);
    }

    private static String fill(String text, int page, int total) {
        return text == null ? null
                : text.replace(PAGE, Integer.toString(page)).replace(TOTAL, Integer.toString(total));
    }
}
