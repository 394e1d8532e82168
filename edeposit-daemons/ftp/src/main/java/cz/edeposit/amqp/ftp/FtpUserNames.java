package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.wire.PreconditionError;

import java.util.regex.Pattern;

/**
 * The rules of an account name: it names a line of the passwd file and a directory in DATA_PATH, so it must be
 * neither empty, nor {@code ..}, nor hold a colon, a slash or a line break (the original let those through).
 */
final class FtpUserNames {

    static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]+");

    private FtpUserNames() {
    }

    /**
     * Returns {@code username} when it follows the rules.
     *
     * @throws PreconditionError ({@code AssertionError} on the wire) naming the rule it breaks
     */
    static String check(String username) {
        if (username == null || username.isEmpty()) {
            throw invalid(username, "it is empty");
        }
        if (username.length() > MAX_LENGTH) {
            throw invalid(username.substring(0, MAX_LENGTH) + "...", "it is longer than " + MAX_LENGTH + " characters");
        }
        // matches() takes the whole string: unlike Python's re.search with ^...$, no trailing newline slips through.
        if (!ALLOWED.matcher(username).matches()) {
            throw invalid(username, "only the letters A-Z and a-z, the digits 0-9, '.', '_' and '-' are allowed");
        }
        if (username.startsWith(".") || username.startsWith("-")) {
            throw invalid(username, "it must not start with '.' or '-'");
        }
        return username;
    }

    private static PreconditionError invalid(String username, String rule) {
        return new PreconditionError("Invalid format of username " + shown(username) + ": " + rule + "!");
    }

    /** The name quoted for a message or a log, control characters escaped: it comes from the publisher. */
    static String shown(String username) {
        if (username == null) {
            return "None";
        }
        StringBuilder text = new StringBuilder("'");
        username.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\x%02x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.append('\'').toString();
    }
}
