package cz.edeposit.amqp.marc;

/**
 * Removes cataloguing punctuation ("hairs") from both ends of a value, e.g. the {@code " /"} that
 * ends a title in {@code 245a} or the {@code " :"} after a place of publication.
 */
public final class Hairs {

    /** The characters the original getters strip: {@code / : ; , -}, space, brackets and parentheses. */
    public static final String DEFAULT = "/:;,- []<>()";

    private Hairs() {
    }

    /** {@code value} without any of {@code hairs} at its start or end; null stays null. */
    public static String remove(String value, String hairs) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (end > start && hairs.indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        while (start < end && hairs.indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        return value.substring(start, end);
    }

    /** {@code value} without the {@link #DEFAULT} hairs. */
    public static String remove(String value) {
        return remove(value, DEFAULT);
    }
}
