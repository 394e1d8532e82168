package cz.edeposit.amqp.settings;

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

    /**
     * The routing key of a reply to a request that arrived with {@code requestRoutingKey} (the original {@code parseKey}).
     *
     * <p>The part after the last dot is replaced by the output key, so a client sending
     * {@code plone1.request} gets {@code plone1.result}; a key without a dot (or null) gives the output key.
     */
    public String replyKey(String requestRoutingKey) {
        String key = requestRoutingKey == null ? "" : requestRoutingKey;
        int dot = key.lastIndexOf('.');
        return dot < 0 ? outputKey : key.substring(0, dot) + "." + outputKey;
    }
}
