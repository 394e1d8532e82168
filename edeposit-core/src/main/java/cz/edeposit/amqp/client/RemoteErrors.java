package cz.edeposit.amqp.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The allow-list that turns an exception reply into a Java exception of the caller's choice.
 *
 * <p>Only names registered here are rebuilt, each by the factory given for it; nothing is looked up
 * by reflection on a name taken from a message. An unregistered name stays a {@link RemoteException}.
 * Immutable and thread-safe.
 */
public final class RemoteErrors {

    private static final Logger log = LoggerFactory.getLogger(RemoteErrors.class);
    private static final RemoteErrors NONE = new RemoteErrors(Map.of());

    private final Map<String, Function<RemoteException, ? extends RuntimeException>> factories;

    private RemoteErrors(Map<String, Function<RemoteException, ? extends RuntimeException>> factories) {
        this.factories = factories;
    }

    /** Rebuilds nothing: every exception reply fails the call with a {@link RemoteException}. */
    public static RemoteErrors none() {
        return NONE;
    }

    /** An empty allow-list to {@link Builder#map map} names into. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The exception to fail the call with: the registered factory's product, with the remote
     * exception as its cause, or {@code remote} itself.
     */
    RuntimeException rebuild(RemoteException remote) {
        var factory = factories.get(remote.exceptionName());
        if (factory == null) {
            return remote;
        }
        try {
            RuntimeException rebuilt = Objects.requireNonNull(factory.apply(remote), "factory returned null");
            if (rebuilt.getCause() == null && rebuilt != remote) {
                rebuilt.initCause(remote);
            }
            return rebuilt;
        } catch (RuntimeException e) {
            log.warn("Could not rebuild remote {} as a Java exception ({}); reporting it as a RemoteException",
                    remote.exceptionName(), e.toString());
            return remote;
        }
    }

    /** Collects name-to-factory entries. */
    public static final class Builder {

        private final Map<String, Function<RemoteException, ? extends RuntimeException>> factories =
                new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Rebuilds replies whose {@code exception_name} is {@code exceptionName} with {@code factory},
         * e.g. {@code map("DocumentNotFoundException", r -> new DocumentNotFound(r.remoteMessage()))}.
         *
         * @throws IllegalArgumentException if the name is blank or already mapped
         */
        public Builder map(String exceptionName, Function<RemoteException, ? extends RuntimeException> factory) {
            Objects.requireNonNull(factory, "factory");
            if (exceptionName == null || exceptionName.isBlank()) {
                throw new IllegalArgumentException("exception name must not be blank, not '" + exceptionName + "'");
            }
            if (factories.putIfAbsent(exceptionName, factory) != null) {
                throw new IllegalArgumentException("exception name '" + exceptionName + "' is mapped twice");
            }
            return this;
        }

        public RemoteErrors build() {
            return new RemoteErrors(Map.copyOf(factories));
        }
    }
}
