package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.settings.HostSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the tool declares for one host, in declaration order: the single description that
 * both {@code --create} and {@code --export-definitions} work from.
 *
 * @param host the host's topology from the settings
 * @param exchanges the host's exchange, then the extra request exchanges; all durable topic exchanges
 * @param queues the input queue, then the output queue
 * @param bindings {@code exchange[in_key] -> input}, {@code exchange[out_key] -> output}, then one per extra exchange
 * @param deadLetter the dead-letter setup of the input queue, when asked for
 */
record HostSchema(HostSettings host, List<String> exchanges, List<Queue> queues, List<Binding> bindings,
                  Optional<DeadLetter> deadLetter) {

    /** The exchange type of every exchange the tool declares. */
    static final String EXCHANGE_TYPE = "topic";

    /** A durable, non-exclusive, non-auto-delete queue. */
    record Queue(String name, QueueType type) {
        Map<String, Object> arguments() {
            return type.arguments();
        }
    }

    /** A binding of {@code queue} to {@code exchange} with {@code routingKey}. */
    record Binding(String exchange, String routingKey, String queue) {
    }

    /**
     * Where the input queue's dead letters go: a topic exchange and a queue bound to it with {@code #},
     * and the broker policy that points the input queue at the exchange.
     */
    record DeadLetter(String inputQueue, String exchange, Queue queue, String policyName, int deliveryLimit) {
        static final String BINDING_KEY = "#";
        static final String SUFFIX = ".dead-letter";
        static final String POLICY_PREFIX = "edeposit-dead-letter-";

        static DeadLetter forQueue(String inputQueue, QueueType type, int deliveryLimit) {
            return new DeadLetter(inputQueue, inputQueue + SUFFIX, new Queue(inputQueue + SUFFIX, type),
                    POLICY_PREFIX + inputQueue, deliveryLimit);
        }

        /** The policy pattern: exactly the input queue's name, regex metacharacters escaped. */
        String pattern() {
            StringBuilder pattern = new StringBuilder("^");
            for (char c : inputQueue.toCharArray()) {
                if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                    pattern.append('\\');
                }
                pattern.append(c);
            }
            return pattern.append('$').toString();
        }

        /** The policy definition: the dead-letter exchange, and the quorum delivery limit when there is one. */
        Map<String, Object> definition() {
            Map<String, Object> definition = new LinkedHashMap<>();
            definition.put("dead-letter-exchange", exchange);
            if (deliveryLimit > 0) {
                definition.put("delivery-limit", deliveryLimit);
            }
            return definition;
        }

        Binding binding() {
            return new Binding(exchange, BINDING_KEY, queue.name());
        }
    }

    HostSchema {
        Objects.requireNonNull(host, "host");
        exchanges = List.copyOf(exchanges);
        queues = List.copyOf(queues);
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(deadLetter, "deadLetter");
    }

    /** The schema of {@code host} as {@code options} ask for it. */
    static HostSchema of(HostSettings host, SchemaOptions options) {
        List<String> exchanges = new ArrayList<>();
        exchanges.add(host.exchange());
        exchanges.addAll(options.extraExchanges());
        List<Queue> queues = host.queues().keySet().stream().map(name -> new Queue(name, options.queueType())).toList();
        List<Binding> bindings = new ArrayList<>();
        host.queues().forEach((queue, key) -> bindings.add(new Binding(host.exchange(), key, queue)));
        for (String extra : options.extraExchanges()) {
            bindings.add(new Binding(extra, host.inputKey(), host.inputQueue()));
        }
        Optional<DeadLetter> deadLetter = options.deadLetter()
                ? Optional.of(DeadLetter.forQueue(host.inputQueue(), options.queueType(), options.deliveryLimit()))
                : Optional.empty();
        return new HostSchema(host, exchanges, queues, bindings, deadLetter);
    }

    String vhost() {
        return host.vhost();
    }
}
