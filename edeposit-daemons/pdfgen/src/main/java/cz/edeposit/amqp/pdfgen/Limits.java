package cz.edeposit.amqp.pdfgen;

import cz.edeposit.amqp.wire.ValueError;

import java.time.Duration;

/** The page count and time one document may take; going over is a {@code ValueError} naming the setting. */
record Limits(int maxPages, long deadlineNanos, Duration timeout) {

    static Limits startingNow(int maxPages, Duration timeout) {
        return new Limits(maxPages, System.nanoTime() + timeout.toNanos(), timeout);
    }

    void checkPages(int pages) {
        if (pages > maxPages) {
            throw new ValueError("The document would have more than " + maxPages + " pages (PDFGEN_MAX_PAGES)");
        }
    }

    void checkTime() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new ValueError("Making the document took longer than " + timeout.toMillis() / 1000.0
                    + " s (PDFGEN_TIMEOUT)");
        }
    }

    static void checkInput(long chars, int maxInputChars) {
        if (chars > maxInputChars) {
            throw new ValueError("The request has " + chars + " characters of text, more than " + maxInputChars
                    + " (PDFGEN_MAX_INPUT_CHARS)");
        }
    }
}
