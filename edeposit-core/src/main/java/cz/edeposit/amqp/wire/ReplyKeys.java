package cz.edeposit.amqp.wire;

/** The routing key of a reply: the original's {@code parseKey} rule. */
public final class ReplyKeys {

    /** The default of {@code RABBITMQ_ALEPH_EXCEPTION_KEY}, a routing key the original declared and no daemon uses. */
    public static final String ALEPH_EXCEPTION_KEY = "exception";

    private ReplyKeys() {
    }

    /**
     * The routing key of a reply to a request that arrived with {@code requestRoutingKey}.
     *
     * <p>The part after the last dot is replaced by {@code outputKey}, so a client sending
     * {@code plone1.request} gets {@code plone1.result}; a key without a dot (or null) gives the output key.
     */
    public static String replyKey(String requestRoutingKey, String outputKey) {
        String key = requestRoutingKey == null ? "" : requestRoutingKey;
        int dot = key.lastIndexOf('.');
        return dot < 0 ? outputKey : key.substring(0, dot) + "." + outputKey;
    }
}
