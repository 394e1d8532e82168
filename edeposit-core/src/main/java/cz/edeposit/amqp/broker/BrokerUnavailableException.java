package cz.edeposit.amqp.broker;

/** The broker could not be reached or refused us; the message is one line an operator can act on. */
public final class BrokerUnavailableException extends RuntimeException {

    private final boolean retryable;

    /** A broker that is down or unreachable: waiting may help. */
    public BrokerUnavailableException(String message) {
        this(message, true);
    }

    /**
     * @param retryable false when the broker answered and refused us (credentials, vhost): a daemon
     *                  starting up reports that at once instead of waiting for a fix
     */
    public BrokerUnavailableException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** As {@link #BrokerUnavailableException(String, boolean)}, keeping the failure it explains. */
    public BrokerUnavailableException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
