package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.tool.BrokerAccess.VhostUnavailable;
import cz.edeposit.amqp.tool.ManagementApi.ManagementException;

import java.io.PrintWriter;

/**
 * Opens a host's vhost for {@code --create}, creating it first when it does not exist: the original
 * assumed the administrator had made it, and only said {@code Can't connect to virtuahost!}.
 */
final class VhostProvisioner {

    private static final int OPEN_ATTEMPTS = 10;
    private static final long RETRY_MILLIS = 200;

    private final BrokerAccess broker;
    private final ManagementApi management;
    private final PrintWriter out;

    VhostProvisioner(BrokerAccess broker, ManagementApi management, PrintWriter out) {
        this.broker = broker;
        this.management = management;
        this.out = out;
    }

    /**
     * A connection to {@code vhost}; a vhost that does not exist is created through the management API,
     * the tool's user gets full permissions on it, and {@code Created virtualhost 'V'.} is printed.
     *
     * @throws ToolFailure the original's two lines and the reason when the vhost can be neither opened nor created
     */
    Connection connect(String vhost) {
        try {
            return broker.open(vhost);
        } catch (VhostUnavailable refused) {
            create(vhost, refused.getMessage());
        }
        return openCreated(vhost);
    }

    private void create(String vhost, String refusal) {
        String user = broker.settings().userName();
        String byHand = "rabbitmqctl add_vhost " + vhost + " && rabbitmqctl set_permissions -p " + vhost + " " + user
                + " '.*' '.*' '.*'";
        try {
            if (management.vhostExists(vhost)) {
                throw BrokerAccess.vhostFailure("vhost '" + vhost + "' exists but user '" + user + "' may not use it ("
                        + refusal + "): rabbitmqctl set_permissions -p " + vhost + " " + user + " '.*' '.*' '.*'");
            }
            management.createVhost(vhost);
            management.grantFullPermissions(vhost);
        } catch (ManagementException e) {
            throw BrokerAccess.vhostFailure("RabbitMQ would not open vhost '" + vhost + "' (" + refusal
                    + ") and creating it failed: " + e.getMessage() + "; or create it by hand: " + byHand);
        }
        out.print("Created virtualhost '" + vhost + "'.\n");
        out.flush();
    }

    // The management API answers once the vhost is set up, but give a slow node a moment before giving up.
    private Connection openCreated(String vhost) {
        for (int attempt = 1; ; attempt++) {
            try {
                return broker.open(vhost);
            } catch (VhostUnavailable e) {
                if (attempt == OPEN_ATTEMPTS) {
                    throw BrokerAccess.vhostFailure("vhost '" + vhost + "' was created but still cannot be opened: "
                            + e.getMessage());
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolFailure.of("interrupted while waiting for a new vhost");
        }
    }
}
