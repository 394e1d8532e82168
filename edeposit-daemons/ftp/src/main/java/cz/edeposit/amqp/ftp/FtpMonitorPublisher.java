package cz.edeposit.amqp.ftp;

import java.io.IOException;

/** Where the monitor sends an import: the portal's queue, through the broker, with publisher confirms. */
interface FtpMonitorPublisher {

    /**
     * Publishes {@code body} (an encoded {@code ImportRequest}) with the AMQP {@code message_id} given, and returns
     * once the broker has confirmed it; a message the broker could not route or refused is an {@link IOException}.
     */
    void publish(byte[] body, String messageId) throws IOException, InterruptedException;
}
