package cz.edeposit.amqp.wire;

/**
 * The three kinds of message a request can cause, named in the {@value #HEADER} header.
 *
 * <p>On the wire a progress message and a final reply are otherwise identical (the original had no
 * end-of-stream marker); Python clients ignore unknown headers, Java clients use this one.
 */
public enum ReplyKind {
    PROGRESS("progress"),
    RESULT("result"),
    EXCEPTION("exception");

    /** The header that carries the kind. */
    public static final String HEADER = "x-edeposit-reply";

    private final String wireValue;

    ReplyKind(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The header value. */
    public String wireValue() {
        return wireValue;
    }

    /** The kind named by a header value, or {@code null} for a message without one. */
    public static ReplyKind fromHeader(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        for (ReplyKind kind : values()) {
            if (kind.wireValue.equals(text)) {
                return kind;
            }
        }
        return null;
    }
}
