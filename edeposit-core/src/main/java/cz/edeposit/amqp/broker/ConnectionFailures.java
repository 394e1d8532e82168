package cz.edeposit.amqp.broker;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.BrokerAddress;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * The one translation of a failed connection attempt into the line an operator reads: it names the
 * broker, the vhost and the likely fix, never the password, and says whether waiting may help.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** What {@code error}, thrown by {@code ConnectionFactory.newConnection}, means for {@code vhost}. */
    static BrokerUnavailableException translate(AmqpSettings settings, BrokerAddress node, String vhost,
                                                Exception error) {
        String where = node.toString();
        String keys = settings.addressKeys();
        if (error instanceof PossibleAuthenticationFailureException) {
            return new BrokerUnavailableException("RabbitMQ at " + where + " refused user '" + settings.userName()
                    + "': check RABBITMQ_USER_NAME and RABBITMQ_USER_PASSWORD", false, error);
        }
        if (error instanceof UnknownHostException) {
            return new BrokerUnavailableException("cannot resolve RabbitMQ host '" + node.host()
                    + "': check " + keys, true, error);
        }
        if (error instanceof SSLException ssl) {
            return tlsFailure(node, keys, ssl);
        }
        if (error.getCause() instanceof SSLException ssl) {
            return tlsFailure(node, keys, ssl);
        }
        if (error instanceof ConnectException) {
            return new BrokerUnavailableException("cannot connect to RabbitMQ at " + where + " (" + error.getMessage()
                    + "): is rabbitmq-server running? check " + keys, true, error);
        }
        if (error instanceof TimeoutException) {
            return new BrokerUnavailableException("RabbitMQ at " + where + " did not complete the handshake in time ("
                    + error.getMessage() + ")", true, error);
        }
        if (settings.tls().enabled() && resetByPeer(error)) {
            // TLS 1.3 brokers refuse a missing client certificate after the handshake: a reset.
            return new BrokerUnavailableException("the TLS connection to RabbitMQ at " + where + " was reset"
                    + " during the handshake: does the broker want a client certificate (RABBITMQ_TLS_KEYSTORE),"
                    + " and is RABBITMQ_PORT its TLS port?", true, error);
        }
        if (BrokerRefusal.find(error).map(BrokerRefusal::notAllowed).orElse(false)) {
            return new BrokerUnavailableException("cannot open vhost '" + vhost + "' on " + where + " as user '"
                    + settings.userName() + "': create it and grant access (edeposit-amqp-tool --create does"
                    + " both when the management plugin is enabled), or fix the _VIRTUALHOST setting", false, error);
        }
        String detail = String.valueOf(error.getCause() != null ? error.getCause().getMessage() : error.getMessage());
        return new BrokerUnavailableException("cannot connect to RabbitMQ at " + where + ", vhost '" + vhost
                + "': " + detail, true, error);
    }

    /** A handshake the broker or we refused: a settings problem, so not worth waiting for. */
    private static BrokerUnavailableException tlsFailure(BrokerAddress node, String keys, SSLException e) {
        String where = node.toString();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new BrokerUnavailableException("TLS handshake with RabbitMQ at " + where + " failed (" + root.getMessage()
                + "): check RABBITMQ_TLS_CA_FILE (the CA that signed the broker's certificate), RABBITMQ_TLS_KEYSTORE"
                + " (if the broker wants a client certificate), that the certificate names host '" + node.host()
                + "' (RABBITMQ_TLS_VERIFY_HOSTNAME), and that " + keys + " name the broker's TLS port", false, e);
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
