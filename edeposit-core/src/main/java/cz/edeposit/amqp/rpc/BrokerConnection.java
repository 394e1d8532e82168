package cz.edeposit.amqp.rpc;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import cz.edeposit.amqp.settings.AmqpSettings;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Opens connections to the broker named by the AMQP settings, with errors an operator can act on. */
public final class BrokerConnection {

    /** Heartbeats keep long handlers' connections alive and detect dead peers (defect D10). */
    public static final int HEARTBEAT_SECONDS = 60;

    private BrokerConnection() {
    }

    /** A factory for {@code vhost}; automatic recovery is off because the daemon owns failure handling. */
    public static ConnectionFactory factory(AmqpSettings settings, String vhost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setUsername(settings.userName());
        factory.setPassword(settings.password());
        factory.setVirtualHost(vhost);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        factory.setConnectionTimeout(10_000);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        return factory;
    }

    /**
     * Connects to {@code vhost}; any failure becomes a {@link BrokerUnavailableException} whose
     * message names the broker, the vhost and the likely fix, never the password.
     */
    public static Connection open(AmqpSettings settings, String vhost, String connectionName) {
        String where = settings.host() + ":" + settings.port();
        try {
            return factory(settings, vhost).newConnection(connectionName);
        } catch (PossibleAuthenticationFailureException e) {
            throw new BrokerUnavailableException("RabbitMQ at " + where + " refused user '" + settings.userName()
                    + "': check RABBITMQ_USER_NAME and RABBITMQ_USER_PASSWORD");
        } catch (UnknownHostException e) {
            throw new BrokerUnavailableException("cannot resolve RabbitMQ host '" + settings.host()
                    + "': check RABBITMQ_HOST");
        } catch (ConnectException e) {
            throw new BrokerUnavailableException("cannot connect to RabbitMQ at " + where + " (" + e.getMessage()
                    + "): is rabbitmq-server running? check RABBITMQ_HOST and RABBITMQ_PORT");
        } catch (IOException | TimeoutException e) {
            String detail = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            if (detail.contains("vhost") || detail.contains("NOT_ALLOWED") || detail.contains("530")) {
                throw new BrokerUnavailableException("cannot open vhost '" + vhost + "' on " + where + " as user '"
                        + settings.userName() + "': create it and grant access (edeposit-amqp-tool --create does"
                        + " both when the management plugin is enabled), or fix the _VIRTUALHOST setting");
            }
            throw new BrokerUnavailableException("cannot connect to RabbitMQ at " + where + ", vhost '" + vhost
                    + "': " + detail);
        }
    }
}
