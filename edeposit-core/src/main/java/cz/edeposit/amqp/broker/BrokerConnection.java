package cz.edeposit.amqp.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.BrokerAddress;
import cz.edeposit.amqp.settings.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeoutException;

/**
 * Opens connections to the broker named by the AMQP settings (one node, or one of a cluster's nodes),
 * with errors an operator can act on.
 */
public final class BrokerConnection {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);

    /** Heartbeats keep long handlers' connections alive and detect dead peers (docs/wire-protocol.md, defect D10). */
    public static final int HEARTBEAT_SECONDS = 60;

    /** The longest heartbeat a daemon may ask for: a dead peer found within the hour, at the latest. */
    public static final int MAX_HEARTBEAT_SECONDS = 3600;

    /**
     * RabbitMQ 3.x's own default {@code max_message_size}. The client's default (64 MiB) is lower:
     * a larger request (a calibre or antivirus file) would close the connection, and its
     * redelivery would do it again, a crash loop.
     */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

    private BrokerConnection() {
    }

    /**
     * A factory for {@code vhost} with the default heartbeat; automatic recovery is off because the
     * daemon owns failure handling ({@code rpc.RpcSupervisor}, docs/reliability.md).
     */
    public static ConnectionFactory factory(AmqpSettings settings, String vhost) {
        return factory(settings, vhost, HEARTBEAT_SECONDS);
    }

    /**
     * As {@link #factory(AmqpSettings, String)} with {@code heartbeatSeconds}: 0 disables heartbeats,
     * at most {@link #MAX_HEARTBEAT_SECONDS}.
     */
    public static ConnectionFactory factory(AmqpSettings settings, String vhost, int heartbeatSeconds) {
        if (heartbeatSeconds < 0 || heartbeatSeconds > MAX_HEARTBEAT_SECONDS) {
            throw new IllegalArgumentException("heartbeat must be 0-" + MAX_HEARTBEAT_SECONDS + " seconds, not "
                    + heartbeatSeconds);
        }
        ConnectionFactory factory = new ConnectionFactory();
        BrokerAddress first = settings.nodes().get(0); // open() sets each node it tries in turn
        factory.setHost(first.host());
        factory.setPort(first.port());
        factory.setUsername(settings.userName());
        factory.setPassword(settings.password());
        factory.setVirtualHost(vhost);
        factory.setRequestedHeartbeat(heartbeatSeconds);
        factory.setConnectionTimeout(10_000);
        factory.setMaxInboundMessageBodySize(MAX_MESSAGE_BYTES);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        TlsSettings tls = settings.tls();
        if (tls.enabled()) {
            SSLContext context = TlsContexts.create(tls);
            if (tls.verifyHostname()) {
                factory.useSslProtocol(context); // which also turns on host name verification
            } else {
                log.warn("TLS to RabbitMQ at {} without host name verification (RABBITMQ_TLS_VERIFY_HOSTNAME is"
                        + " false): any certificate of the trusted CA is accepted", settings.nodes());
                // Not setSslContextFactory: in amqp-client 5.x it turns host name verification on as well.
                factory.setSocketFactory(context.getSocketFactory());
            }
        }
        return factory;
    }

    /**
     * Connects to {@code vhost}; any failure becomes a {@link BrokerUnavailableException} whose
     * message names the broker, the vhost and the likely fix, never the password.
     */
    public static Connection open(AmqpSettings settings, String vhost, String connectionName) {
        return open(settings, factory(settings, vhost), connectionName);
    }

    /**
     * As {@link #open(AmqpSettings, String, String)} with {@code heartbeatSeconds}, for a
     * daemon ({@code rpc.RpcDaemon}): consumer callbacks run on the connection thread ({@link InlineDispatch}),
     * which suits only consumers whose callbacks merely enqueue, as the daemon's workers do.
     */
    public static Connection openForDaemon(AmqpSettings settings, String vhost, String connectionName,
                                           int heartbeatSeconds) {
        ConnectionFactory factory = factory(settings, vhost, heartbeatSeconds);
        factory.setSharedExecutor(new InlineDispatch());
        return open(settings, factory, connectionName);
    }

    /**
     * Tries the nodes of {@code settings} in a shuffled order, so that daemons and clients spread over
     * a cluster and a lost node's connections move to the others; the first that accepts is used.
     */
    private static Connection open(AmqpSettings settings, ConnectionFactory factory, String connectionName) {
        List<BrokerAddress> order = new ArrayList<>(settings.nodes());
        Collections.shuffle(order);
        List<BrokerUnavailableException> failures = new ArrayList<>();
        for (BrokerAddress node : order) {
            // Per node, so that TLS checks the certificate against the host name of the node it reached.
            factory.setHost(node.host());
            factory.setPort(node.port());
            SetUpQuietHandler handler = new SetUpQuietHandler();
            factory.setExceptionHandler(handler);
            try {
                Connection connection = factory.newConnection(connectionName);
                handler.established();
                if (order.size() > 1) {
                    log.info("Connected to RabbitMQ node {} (one of {} nodes), vhost '{}', as '{}'", node,
                            order.size(), factory.getVirtualHost(), connectionName);
                }
                return connection;
            } catch (IOException | TimeoutException e) {
                BrokerUnavailableException failure = ConnectionFailures.translate(settings, node,
                        factory.getVirtualHost(), e);
                if (BrokerRefusal.find(e).isPresent() || e instanceof PossibleAuthenticationFailureException) {
                    throw failure; // users, permissions and vhosts are the cluster's: no other node says otherwise
                }
                failures.add(failure);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        boolean retryable = failures.stream().allMatch(BrokerUnavailableException::retryable);
        StringBuilder message = new StringBuilder("cannot connect to any of the ").append(order.size())
                .append(" RabbitMQ nodes of ").append(AmqpSettings.ADDRESSES_KEY).append(" (tried ")
                .append(order.stream().map(BrokerAddress::toString).collect(Collectors.joining(", "))).append(")");
        for (BrokerUnavailableException failure : failures) {
            message.append("; ").append(failure.getMessage());
        }
        throw new BrokerUnavailableException(message.toString(), retryable, failures.get(failures.size() - 1));
    }
}
