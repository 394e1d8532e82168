package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.ServiceState;

import java.util.function.Consumer;

/**
 * The answer of {@code /healthz}, kept from the supervisor's {@link ServiceState}s: healthy while
 * serving, else one line saying why not.
 */
final class ServiceHealth implements Consumer<ServiceState> {

    private volatile ServiceState state = new ServiceState(ServiceState.Phase.CONNECTING, "");

    @Override
    public void accept(ServiceState state) {
        this.state = state;
    }

    /** Null when connected and consuming, else the reason on one line. */
    String problem() {
        ServiceState current = state;
        String detail = current.detail().lines().findFirst().orElse("");
        return switch (current.phase()) {
            case SERVING -> null;
            case CONNECTING -> "connecting to RabbitMQ";
            case WAITING -> "waiting for RabbitMQ: " + detail;
            case RECONNECTING -> "not serving: " + detail;
            case STOPPING -> "stopping";
        };
    }
}
