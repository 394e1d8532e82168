package cz.edeposit.amqp.rpc;

/**
 * Told how each request was answered, on the worker thread right after its final reply was
 * published: the seam for the daemon's request counts. Must be cheap and must not throw.
 */
public interface RequestOutcomes {

    /** Counts nothing: the default of {@link RpcOptions}. */
    RequestOutcomes NONE = new RequestOutcomes() {
        @Override
        public void served() {
        }

        @Override
        public void failed(String exceptionName, String message) {
        }
    };

    /** A request was answered with a result. */
    void served();

    /**
     * A request was answered with an exception reply (also a refused or a poison request), with the
     * {@code exception_name} and message the client received.
     */
    void failed(String exceptionName, String message);
}
