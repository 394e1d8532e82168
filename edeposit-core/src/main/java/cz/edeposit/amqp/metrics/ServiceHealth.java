package cz.edeposit.amqp.metrics;

import cz.edeposit.amqp.rpc.Heartbeat;
import cz.edeposit.amqp.rpc.ServiceState;

import java.util.function.Consumer;

/**
 * The answer of {@code /healthz}, kept from the supervisor's {@link ServiceState}s and heartbeats:
 * healthy while serving with no stuck worker, else one line saying why not.
 */
final class ServiceHealth implements Consumer<ServiceState>, Heartbeat {

    private volatile ServiceState state = new ServiceState(ServiceState.Phase.CONNECTING, "");
    private volatile String stuck;

    @Override
    public void beat(String stuck) {
        this.stuck = stuck;
    }

    @Override
    public void accept(ServiceState state) {
        this.state = state;
    }

    /** Null when connected and consuming, else the reason on one line. */
    String problem() {
        ServiceState current = state;
        String detail = current.detail().lines().findFirst().orElse("");
        return switch (current.phase()) {
            case SERVING -> stuck == null ? null : "stuck: " + stuck;
            case CONNECTING -> "connecting to RabbitMQ";
            case WAITING -> "waiting for RabbitMQ: " + detail;
            case RECONNECTING -> "not serving: " + detail;
            case STOPPING -> "stopping";
        };
    }
}
