package cz.edeposit.amqp.ltp;

/** Publisher text fit for a message or a log line: no line breaks, at most 64 characters, quoted. */
final class Printable {

    private Printable() {
    }

    static String of(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + (shown.length() <= 64 ? shown : shown.substring(0, 64) + "...") + "\"";
    }
}
