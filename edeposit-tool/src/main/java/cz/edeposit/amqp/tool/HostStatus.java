package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.settings.HostSettings;

/**
 * One host for {@code --status}: its vhost, its input and output queues, and whether its daemon answers.
 *
 * @param host        the host's settings
 * @param vhostExists false when the vhost is missing
 * @param input       the input queue, where the daemon consumes
 * @param output      the output queue, where the replies wait for Plone
 */
record HostStatus(HostSettings host, boolean vhostExists, QueueStatus input, QueueStatus output) {

    /** What {@code --status} says of the daemon; the label is the table's word and the JSON value. */
    enum Daemon {
        ANSWERS("answers"),
        NO_CONSUMER("no consumer"),
        NO_QUEUE("no queue"),
        NO_VHOST("no vhost");

        private final String label;

        Daemon(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static HostStatus missingVhost(HostSettings host) {
        return new HostStatus(host, false, QueueStatus.missing(host.inputQueue()), QueueStatus.missing(host.outputQueue()));
    }

    /** A daemon answers when something consumes its input queue: the cheap signal, with no request sent. */
    Daemon daemon() {
        if (!vhostExists) {
            return Daemon.NO_VHOST;
        }
        if (!input.exists()) {
            return Daemon.NO_QUEUE;
        }
        return input.hasConsumer() ? Daemon.ANSWERS : Daemon.NO_CONSUMER;
    }
}
