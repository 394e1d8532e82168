package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.broker.BrokerConnection;
import cz.edeposit.amqp.broker.BrokerRefusal;
import cz.edeposit.amqp.broker.BrokerUnavailableException;
import cz.edeposit.amqp.broker.ConfirmedPublisher;
import cz.edeposit.amqp.settings.AmqpSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/** Opens the tool's AMQP connections and tells a missing or forbidden vhost apart from an unreachable broker. */
final class BrokerAccess {

    static final String CONNECTION_NAME = "edeposit-amqp-tool";
    static final String CANT_CONNECT = "Can't connect to RabbitMQ!";
    // The original's two lines, typo included (docs/tool.md, "Messages and exit statuses").
    static final String CANT_OPEN_VHOST = "Can't connect to virtuahost!";
    static final String MAKE_SURE_VHOST = "Make sure, that virtualhost is created.";

    /** The broker answered but would not open the vhost: it does not exist, or the user has no access to it. */
    static final class VhostUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        VhostUnavailable(String brokerText) {
            super(brokerText);
        }
    }

    private final AmqpSettings settings;

    BrokerAccess(AmqpSettings settings) {
        this.settings = settings;
    }

    AmqpSettings settings() {
        return settings;
    }

    /**
     * A connection to {@code vhost}.
     *
     * @throws VhostUnavailable when the broker refuses the vhost
     * @throws ToolFailure {@code Can't connect to RabbitMQ!} with the reason, for every other failure
     */
    Connection open(String vhost) throws VhostUnavailable {
        try {
            return BrokerConnection.open(settings, vhost, CONNECTION_NAME);
        } catch (BrokerUnavailableException e) {
            throw vhostRefusal(e).map(VhostUnavailable::new).orElseThrow(() -> cantConnect(e));
        }
    }

    /**
     * A connection to a vhost that must already exist, for {@code --get}.
     *
     * @throws ToolFailure as {@link #mustExist}
     */
    Connection openExisting(String vhost, String hostName) {
        try {
            return BrokerConnection.open(settings, vhost, CONNECTION_NAME);
        } catch (BrokerUnavailableException e) {
            throw mustExist(e, hostName);
        }
    }

    /**
     * An open confirming publisher to a vhost that must already exist, for {@code --put}.
     *
     * @param confirmTimeout how long the publish waits for the confirm; negative: for ever
     * @throws ToolFailure as {@link #mustExist}, when it cannot connect
     * @throws IOException the connection opened, but its confirm channel did not
     */
    ConfirmedPublisher openPublisher(String vhost, String hostName, Duration confirmTimeout) throws IOException {
        ConfirmedPublisher publisher = new ConfirmedPublisher(settings, vhost, CONNECTION_NAME, confirmTimeout);
        try {
            publisher.open();
        } catch (BrokerUnavailableException e) {
            throw mustExist(e, hostName);
        }
        return publisher;
    }

    /** The broker's words, when {@code e} is its refusal of the vhost itself (missing, or not the user's). */
    private static Optional<String> vhostRefusal(BrokerUnavailableException e) {
        return BrokerRefusal.find(e).filter(BrokerRefusal::notAllowed).map(BrokerRefusal::text);
    }

    private static ToolFailure cantConnect(BrokerUnavailableException e) {
        return ToolFailure.of(CANT_CONNECT, e.getMessage());
    }

    /**
     * The failure to connect to a vhost that must exist: the original's two lines, the broker's reason and the
     * fix when the broker refused the vhost; else {@code Can't connect to RabbitMQ!} with the reason.
     */
    private ToolFailure mustExist(BrokerUnavailableException e, String hostName) {
        return vhostRefusal(e).map(refusal -> vhostFailure(refusal + " (on " + nodes() + " as user '"
                + settings.userName() + "'): create it with 'edeposit-amqp-tool --host " + hostName + " --create'"))
                .orElseGet(() -> cantConnect(e));
    }

    private String nodes() {
        return settings.nodes().stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** The original's message for a vhost that cannot be used, and a third line saying why and what to do. */
    static ToolFailure vhostFailure(String why) {
        return ToolFailure.of(CANT_OPEN_VHOST, MAKE_SURE_VHOST, why);
    }
}
