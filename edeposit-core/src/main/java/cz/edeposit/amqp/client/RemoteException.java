package cz.edeposit.amqp.client;

/**
 * The daemon answered with an exception reply (docs/wire-protocol.md, "Exception replies"): the four headers it carries,
 * as text, and the call they belong to.
 */
public class RemoteException extends RpcException {

    private final String exceptionName;
    private final String exceptionType;
    private final String remoteMessage;
    private final String remoteTraceback;
    private final String host;
    private final String uuid;

    public RemoteException(String host, String uuid, String exceptionName, String exceptionType,
                           String remoteMessage, String remoteTraceback) {
        super(exceptionName + " from host '" + host + "': " + remoteMessage);
        this.host = host;
        this.uuid = uuid;
        this.exceptionName = exceptionName;
        this.exceptionType = exceptionType;
        this.remoteMessage = remoteMessage;
        this.remoteTraceback = remoteTraceback;
    }

    /** The bare Python class name clients branch on ({@code exception_name}), e.g. {@code DocumentNotFoundException}. */
    public String exceptionName() {
        return exceptionName;
    }

    /** The class description ({@code exception_type}), e.g. {@code <type 'exceptions.ValueError'>}. */
    public String exceptionType() {
        return exceptionType;
    }

    /** The exception text of the {@code exception} header (the body when the header is absent). */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote stack trace as display text ({@code traceback}); {@code null} when the header is void. */
    public String remoteTraceback() {
        return remoteTraceback;
    }

    /** The host the call went to. */
    public String host() {
        return host;
    }

    /** The {@code UUID} of the call, as text. */
    public String uuid() {
        return uuid;
    }
}
