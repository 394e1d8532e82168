package cz.edeposit.amqp.ltp;

import cz.edeposit.amqp.wire.ValueError;

import java.util.Locale;
import java.util.regex.Pattern;

/** The suffix of the publication's file name: the only part of {@code filename} that reaches the package. */
final class FileSuffix {

    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]{1,10}");

    private FileSuffix() {
    }

    /**
     * The text after the last {@code /} or {@code \}, then after its last {@code .}, lower-cased: 1 to 10
     * letters or digits, or a {@code ValueError}.
     */
    static String of(String filename) {
        if (filename != null) {
            String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
            int dot = name.lastIndexOf('.');
            if (dot >= 0) {
                String suffix = name.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (SUFFIX.matcher(suffix).matches()) {
                    return suffix;
                }
            }
        }
        throw new ValueError("filename must end with a suffix of 1 to 10 letters or digits (such as \"book.pdf\"),"
                + " not " + Printable.of(filename));
    }
}
