package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --export-definitions}: the schema of the chosen hosts as a RabbitMQ definitions document, which
 * {@code rabbitmqctl import_definitions}, the management UI and {@code load_definitions} accept.
 *
 * <p>It holds the vhosts, full permissions for the configured user on them (the user must exist where
 * the file is imported), and the exchanges, queues, bindings and dead-letter policies {@code --create}
 * would declare. Shared objects (the {@code aleph} vhost and its {@code plone} queue) appear once.
 */
final class DefinitionsExport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FULL = ".*";

    private DefinitionsExport() {
    }

    /** The definitions document for {@code schemas}, pretty-printed, ending with a newline. */
    static String of(List<HostSchema> schemas, String user) {
        Document document = new Document();
        for (HostSchema schema : schemas) {
            document.add(schema, user);
        }
        try {
            return JSON.writeValueAsString(document.root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the definitions", e);
        }
    }

    /** The document being built; each object is added once, keyed by what identifies it on the broker. */
    private static final class Document {
        final ObjectNode root = JSON.createObjectNode();
        final ArrayNode vhosts = root.putArray("vhosts");
        final ArrayNode permissions = root.putArray("permissions");
        final ArrayNode exchanges = root.putArray("exchanges");
        final ArrayNode queues = root.putArray("queues");
        final ArrayNode bindings = root.putArray("bindings");
        final ArrayNode policies = root.putArray("policies");
        final Set<List<String>> seen = new HashSet<>();

        void add(HostSchema schema, String user) {
            String vhost = schema.vhost();
            if (first("vhost", vhost)) {
                vhosts.addObject().put("name", vhost);
                permissions.addObject().put("user", user).put("vhost", vhost)
                        .put("configure", FULL).put("write", FULL).put("read", FULL);
            }
            schema.exchanges().forEach(name -> exchange(vhost, name));
            schema.queues().forEach(queue -> queue(vhost, queue));
            schema.bindings().forEach(binding -> binding(vhost, binding));
            schema.deadLetter().ifPresent(deadLetter -> {
                exchange(vhost, deadLetter.exchange());
                queue(vhost, deadLetter.queue());
                binding(vhost, deadLetter.binding());
                if (first("policy", vhost, deadLetter.policyName())) {
                    ObjectNode policy = policies.addObject().put("vhost", vhost).put("name", deadLetter.policyName())
                            .put("pattern", deadLetter.pattern()).put("apply-to", "queues");
                    putAll(policy.putObject("definition"), deadLetter.definition());
                    policy.put("priority", 0);
                }
            });
        }

        private void exchange(String vhost, String name) {
            if (first("exchange", vhost, name)) {
                exchanges.addObject().put("name", name).put("vhost", vhost).put("type", HostSchema.EXCHANGE_TYPE)
                        .put("durable", true).put("auto_delete", false).put("internal", false).putObject("arguments");
            }
        }

        private void queue(String vhost, HostSchema.Queue queue) {
            if (first("queue", vhost, queue.name())) {
                ObjectNode node = queues.addObject().put("name", queue.name()).put("vhost", vhost)
                        .put("durable", true).put("auto_delete", false);
                putAll(node.putObject("arguments"), queue.arguments());
            }
        }

        private void binding(String vhost, HostSchema.Binding binding) {
            if (first("binding", vhost, binding.exchange(), binding.routingKey(), binding.queue())) {
                bindings.addObject().put("source", binding.exchange()).put("vhost", vhost)
                        .put("destination", binding.queue()).put("destination_type", "queue")
                        .put("routing_key", binding.routingKey()).putObject("arguments");
            }
        }

        private boolean first(String... key) {
            return seen.add(List.of(key));
        }

        private static void putAll(ObjectNode node, Map<String, Object> values) {
            values.forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
        }
    }
}
