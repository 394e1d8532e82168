package cz.edeposit.amqp.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Opens connections to the broker named by the AMQP settings, with errors an operator can act on. */
public final class BrokerConnection {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);

    /** Heartbeats keep long handlers' connections alive and detect dead peers (defect D10). */
    public static final int HEARTBEAT_SECONDS = 60;

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

    /** As {@link #factory(AmqpSettings, String)} with {@code heartbeatSeconds} (0 disables heartbeats). */
    public static ConnectionFactory factory(AmqpSettings settings, String vhost, int heartbeatSeconds) {
        if (heartbeatSeconds < 0 || heartbeatSeconds > 65535) {
            throw new IllegalArgumentException("heartbeat must be 0-65535 seconds, not " + heartbeatSeconds);
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
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
                        + " false): any certificate of the trusted CA is accepted", settings.host());
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

    private static Connection open(AmqpSettings settings, ConnectionFactory factory, String connectionName) {
        String where = settings.host() + ":" + settings.port();
        String vhost = factory.getVirtualHost();
        try {
            return factory.newConnection(connectionName);
        } catch (PossibleAuthenticationFailureException e) {
            throw new BrokerUnavailableException("RabbitMQ at " + where + " refused user '" + settings.userName()
                    + "': check RABBITMQ_USER_NAME and RABBITMQ_USER_PASSWORD", false);
        } catch (UnknownHostException e) {
            throw new BrokerUnavailableException("cannot resolve RabbitMQ host '" + settings.host()
                    + "': check RABBITMQ_HOST");
        } catch (SSLException e) {
            throw tlsFailure(settings, where, e);
        } catch (ConnectException e) {
            throw new BrokerUnavailableException("cannot connect to RabbitMQ at " + where + " (" + e.getMessage()
                    + "): is rabbitmq-server running? check RABBITMQ_HOST and RABBITMQ_PORT");
        } catch (IOException | TimeoutException e) {
            if (e.getCause() instanceof SSLException ssl) {
                throw tlsFailure(settings, where, ssl);
            }
            if (settings.tls().enabled() && resetByPeer(e)) {
                // TLS 1.3 brokers refuse a missing client certificate after the handshake: a reset.
                throw new BrokerUnavailableException("the TLS connection to RabbitMQ at " + where + " was reset"
                        + " during the handshake: does the broker want a client certificate (RABBITMQ_TLS_KEYSTORE),"
                        + " and is RABBITMQ_PORT its TLS port?");
            }
            String detail = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            if (detail.contains("vhost") || detail.contains("NOT_ALLOWED") || detail.contains("530")) {
                throw new BrokerUnavailableException("cannot open vhost '" + vhost + "' on " + where + " as user '"
                        + settings.userName() + "': create it and grant access (edeposit-amqp-tool --create does"
                        + " both when the management plugin is enabled), or fix the _VIRTUALHOST setting", false);
            }
            throw new BrokerUnavailableException("cannot connect to RabbitMQ at " + where + ", vhost '" + vhost
                    + "': " + detail);
        }
    }

    /** A handshake the broker or we refused: a settings problem, so not worth waiting for. */
    private static BrokerUnavailableException tlsFailure(AmqpSettings settings, String where, SSLException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new BrokerUnavailableException("TLS handshake with RabbitMQ at " + where + " failed (" + root.getMessage()
                + "): check RABBITMQ_TLS_CA_FILE (the CA that signed the broker's certificate), RABBITMQ_TLS_KEYSTORE"
                + " (if the broker wants a client certificate), that the certificate names host '" + settings.host()
                + "' (RABBITMQ_TLS_VERIFY_HOSTNAME), and that RABBITMQ_PORT is the broker's TLS port", false);
    }

    private static boolean resetByPeer(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset")) {
                return true;
            }
        }
        return false;
    }
}
