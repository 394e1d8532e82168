package cz.edeposit.amqp.antivirus;

import java.nio.file.Path;

/**
 * The largest file clamd scans whole, and the clamd.conf option that sets it, so that a refusal
 * can say which option to raise.
 *
 * @param bytes   the limit
 * @param source  the option as written, e.g. {@code StreamMaxLength 25M in /etc/clamav/clamd.conf}
 * @param option  the option's name
 * @param conf    the clamd.conf it comes from
 */
record StreamLimit(long bytes, String source, String option, Path conf) {

    /** How to get a larger file through, for the end of an error message. */
    String remedy() {
        return "raise " + option + " in " + conf + " and restart clamd (clamd scans a stream whole only up to"
                + " the smallest of StreamMaxLength, MaxFileSize and MaxScanSize)";
    }
}
