package cz.edeposit.amqp.settings;

import cz.edeposit.amqp.wire.ReplyKeys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The broker topology of one sub-module ("host"): its vhost, exchange, two queues and two routing keys.
 *
 * @param name the canonical host name, for example {@code downloader}
 * @param vhost {@code RABBITMQ_<P>_VIRTUALHOST}
 * @param exchange {@code RABBITMQ_<P>_EXCHANGE}, where every reply goes
 * @param inputQueue {@code RABBITMQ_<P>_INPUT_QUEUE}, consumed by the daemon
 * @param outputQueue {@code RABBITMQ_<P>_OUTPUT_QUEUE}, read by the client
 * @param inputKey {@code RABBITMQ_<P>_INPUT_KEY}, binding of the input queue
 * @param outputKey {@code RABBITMQ_<P>_OUTPUT_KEY}, binding of the output queue and base of reply keys
 */
public record HostSettings(String name, String vhost, String exchange, String inputQueue, String outputQueue,
                           String inputKey, String outputKey) {

    /**
     * @throws IllegalArgumentException when both queues have the same name, which {@link #queues()} could not represent
     */
    public HostSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(inputQueue, "inputQueue");
        Objects.requireNonNull(outputQueue, "outputQueue");
        Objects.requireNonNull(inputKey, "inputKey");
        Objects.requireNonNull(outputKey, "outputKey");
        if (inputQueue.equals(outputQueue)) {
            throw new IllegalArgumentException("host '" + name + "' uses queue '" + inputQueue + "' as both input and output queue");
        }
    }

    /** Queue name to binding key, input queue first: the {@code queues} entry of the original {@code get_amqp_settings()}. */
    public Map<String, String> queues() {
        Map<String, String> queues = new LinkedHashMap<>();
        queues.put(inputQueue, inputKey);
        queues.put(outputQueue, outputKey);
        return Collections.unmodifiableMap(queues);
    }

    /** The routing key of a reply to a request that arrived with {@code requestRoutingKey}: {@link ReplyKeys#replyKey}. */
    public String replyKey(String requestRoutingKey) {
        return ReplyKeys.replyKey(requestRoutingKey, outputKey);
    }
}
