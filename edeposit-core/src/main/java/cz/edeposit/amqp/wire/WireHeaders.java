package cz.edeposit.amqp.wire;

/** Header names and content types of the edeposit wire protocol (docs/wire-protocol.md). */
public final class WireHeaders {

    /** The request/reply pairing header; its value is opaque and echoed byte for byte. */
    public static final String UUID = "UUID";
    /** Present only on exception replies: the exception message. Clients test for its presence. */
    public static final String EXCEPTION = "exception";
    /** The Python-style class description, e.g. {@code <type 'exceptions.ValueError'>}. */
    public static final String EXCEPTION_TYPE = "exception_type";
    /** The bare class name clients branch on, e.g. {@code DocumentNotFoundException}. */
    public static final String EXCEPTION_NAME = "exception_name";
    /** The remote stack trace as display text; AMQP void in the no-UUID case. */
    public static final String TRACEBACK = "traceback";

    /** The header quorum queues set on redeliveries: how many times the message was delivered before. */
    public static final String DELIVERY_COUNT = "x-delivery-count";

    /** On a dead-lettered request: how often it was started. */
    public static final String DEAD_LETTER_ATTEMPTS = "x-edeposit-attempts";
    /** On a dead-lettered request: the PoisonMessageError message. */
    public static final String DEAD_LETTER_REASON = "x-edeposit-reason";
    /** On a dead-lettered request: the input queue it was taken from. */
    public static final String DEAD_LETTER_QUEUE = "x-edeposit-queue";

    /** Content type of normal replies and progress messages. */
    public static final String JSON = "application/json";
    /** Content type of exception replies (non-standard, but the contract). */
    public static final String TEXT = "application/text";

    /** AMQP delivery mode 2: the broker writes the message to disk. Every request and reply is persistent. */
    public static final int PERSISTENT = 2;

    /** The message of the reply to a request without a {@code UUID} header. */
    public static final String NO_UUID_MESSAGE = "No UUID provided, message ignored.";

    private WireHeaders() {
    }
}
