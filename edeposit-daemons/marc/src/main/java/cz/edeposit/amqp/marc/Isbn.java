package cz.edeposit.amqp.marc;

/**
 * ISBN-10 and ISBN-13 checksums, offline. Everything but digits and {@code X} is ignored, so
 * hyphens, spaces and an {@code ISBN} prefix do not matter; {@code X} (value 10) is accepted only
 * as the check digit of an ISBN-10.
 */
public final class Isbn {

    private Isbn() {
    }

    /** Whether {@code isbn} is a 10- or 13-digit ISBN with a correct check digit; null is not. */
    public static boolean isValid(String isbn) {
        if (isbn == null) {
            return false;
        }
        String digits = digits(isbn);
        return switch (digits.length()) {
            case 10 -> isValid10(digits);
            case 13 -> isValid13(digits);
            default -> false;
        };
    }

    /** Whether {@code isbn} was assigned by the Czech agency: it starts {@code 80} or {@code 97880}. */
    public static boolean isCzech(String isbn) {
        String compact = isbn == null ? "" : isbn.replace("-", "").replaceAll("\\s", "");
        return compact.startsWith("80") || compact.startsWith("97880");
    }

    private static boolean isValid10(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = digits.charAt(i);
            if (c == 'X') {
                return false;
            }
            sum += (i + 1) * (c - '0');
        }
        char check = digits.charAt(9);
        int expected = sum % 11;
        return check == 'X' ? expected == 10 : expected == check - '0';
    }

    private static boolean isValid13(String digits) {
        if (digits.indexOf('X') >= 0) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (digits.charAt(i) - '0');
        }
        return (10 - sum % 10) % 10 == digits.charAt(12) - '0';
    }

    private static String digits(String isbn) {
        StringBuilder out = new StringBuilder(isbn.length());
        for (int i = 0; i < isbn.length(); i++) {
            char c = isbn.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == 'x' || c == 'X') {
                out.append('X');
            }
        }
        return out.toString();
    }
}
