package cz.edeposit.amqp.rpc;

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

    /** Content type of normal replies and progress messages. */
    public static final String JSON = "application/json";
    /** Content type of exception replies (non-standard, but the contract). */
    public static final String TEXT = "application/text";

    /** The message of the reply to a request without a {@code UUID} header. */
    public static final String NO_UUID_MESSAGE = "No UUID provided, message ignored.";

    private WireHeaders() {
    }
}
