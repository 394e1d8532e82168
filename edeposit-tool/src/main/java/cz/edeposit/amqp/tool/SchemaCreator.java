package cz.edeposit.amqp.tool;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.tool.ManagementApi.ManagementException;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code --create}: declares each host's schema on its own connection and prints the original's block
 * (docs/tool.md, "`--create` output"), creating a missing vhost through the management API first.
 */
final class SchemaCreator {

    private final BrokerAccess broker;
    private final VhostProvisioner vhosts;
    private final ManagementApi management;
    private final PrintWriter out;

    SchemaCreator(BrokerAccess broker, ManagementApi management, PrintWriter out) {
        this.broker = broker;
        this.vhosts = new VhostProvisioner(broker, management, out);
        this.management = management;
        this.out = out;
    }

    /** Declares every schema in order; stops at the first host that fails. */
    void create(List<HostSchema> schemas) {
        for (HostSchema schema : schemas) {
            Connection connection = vhosts.connect(schema.vhost());
            try {
                declare(connection.createChannel(), schema);
            } catch (IOException e) {
                throw ToolFailure.of("Can't open a channel in vhost '" + schema.vhost() + "': " + BrokerErrors.reason(e));
            } finally {
                out.flush();
                Connections.close(connection);
            }
        }
    }

    private void declare(Channel channel, HostSchema schema) {
        Declaring on = new Declaring(channel, schema, broker.settings());
        for (String exchange : schema.exchanges()) {
            on.exchange(exchange);
            line("Created exchange '" + exchange + "'.");
        }
        line("Creating queues:");
        for (HostSchema.Queue queue : schema.queues()) {
            on.queue(queue);
            line("\t" + created(queue));
        }
        line("");
        line("Routing exchanges using routing key to queues:");
        for (HostSchema.Binding binding : schema.bindings()) {
            on.binding(binding);
            line("\t" + routed(binding));
        }
        schema.deadLetter().ifPresent(deadLetter -> declareDeadLetter(on, schema, deadLetter));
    }

    private void declareDeadLetter(Declaring on, HostSchema schema, HostSchema.DeadLetter deadLetter) {
        line("");
        line("Dead-lettering queue '" + deadLetter.inputQueue() + "':");
        on.exchange(deadLetter.exchange());
        line("\tCreated exchange '" + deadLetter.exchange() + "'.");
        on.queue(deadLetter.queue());
        line("\t" + created(deadLetter.queue()));
        on.binding(deadLetter.binding());
        line("\t" + routed(deadLetter.binding()));
        try {
            management.putQueuePolicy(schema.vhost(), deadLetter.policyName(), deadLetter.pattern(), deadLetter.definition());
        } catch (ManagementException e) {
            throw ToolFailure.of("Can't set policy '" + deadLetter.policyName() + "' in vhost '" + schema.vhost()
                    + "': " + e.getMessage(), "Hint: or set it by hand: rabbitmqctl set_policy -p " + schema.vhost()
                    + " --apply-to queues " + deadLetter.policyName() + " '" + deadLetter.pattern()
                    + "' '" + policyJson(deadLetter) + "'");
        }
        line("\tSet policy '" + deadLetter.policyName() + "': queue '" + deadLetter.inputQueue()
                + "' dead-letters to exchange '" + deadLetter.exchange() + "'"
                + (deadLetter.deliveryLimit() > 0 ? " (delivery limit " + deadLetter.deliveryLimit() + ")" : "") + ".");
    }

    private static String policyJson(HostSchema.DeadLetter deadLetter) {
        return "{\"dead-letter-exchange\":\"" + deadLetter.exchange() + "\""
                + (deadLetter.deliveryLimit() > 0 ? ",\"delivery-limit\":" + deadLetter.deliveryLimit() : "") + "}";
    }

    private static String created(HostSchema.Queue queue) {
        return "Created durable " + (queue.type() == QueueType.classic ? "" : queue.type() + " ") + "queue '"
                + queue.name() + "'.";
    }

    private static String routed(HostSchema.Binding binding) {
        return "Routing exchange " + route(binding) + ".";
    }

    private static String route(HostSchema.Binding binding) {
        return binding.exchange() + "['" + binding.routingKey() + "'] -> '" + binding.queue() + "'";
    }

    // Python's print writes "\n" whatever the platform; the block is compared byte for byte.
    private void line(String text) {
        out.print(text + "\n");
    }

    /** The declarations on one channel; a refusal closes the channel, so the first one ends the host. */
    private record Declaring(Channel channel, HostSchema schema, AmqpSettings settings) {

        void exchange(String name) {
            try {
                channel.exchangeDeclare(name, HostSchema.EXCHANGE_TYPE, true, false, false, null);
            } catch (IOException e) {
                throw failure("exchange", name, "exchange '" + name + "'", e);
            }
        }

        void queue(HostSchema.Queue queue) {
            try {
                channel.queueDeclare(queue.name(), true, false, false, queue.arguments().isEmpty() ? null : queue.arguments());
            } catch (IOException e) {
                throw failure("queue", queue.name(), "queue '" + queue.name() + "'", e);
            }
        }

        void binding(HostSchema.Binding binding) {
            try {
                channel.queueBind(binding.queue(), binding.exchange(), binding.routingKey());
            } catch (IOException e) {
                throw failure("binding", binding.queue(), "binding " + route(binding), e);
            }
        }

        private ToolFailure failure(String kind, String name, String what, IOException e) {
            QueueType type = schema.queues().get(0).type();
            return BrokerErrors.declarationFailure(kind, name, what, schema.vhost(), type, settings.userName(), e);
        }
    }
}
