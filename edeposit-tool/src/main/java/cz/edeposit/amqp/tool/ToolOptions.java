package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ConfigDirOption;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command line of {@code edeposit-amqp-tool}, declared in code ({@link CommandSpecs}) so that its
 * JVM reads no annotation; {@link ToolCommand} reads the values by the names here. The options are
 * declared in the order {@code --help} lists them: the original's flags first (docs/tool.md).
 */
final class ToolOptions {

    static final String LIST = "--list";
    static final String HOST = "--host";
    static final String CREATE = "--create";
    static final String PUT = "--put";
    static final String GET = "--get";
    static final String TIMEOUT = "--timeout";
    static final String IDLE_TIMEOUT = "--idle-timeout";
    static final String UUID = "--uuid";
    static final String QUEUE_TYPE = "--queue-type";
    static final String DEAD_LETTER = "--dead-letter";
    static final String DELIVERY_LIMIT = "--delivery-limit";
    static final String EXTRA_EXCHANGE = "--extra-exchange";
    static final String EXPORT_DEFINITIONS = "--export-definitions";
    static final String STATUS = "--status";
    static final String JSON = "--json";
    static final String MANAGEMENT_URL = "--management-url";

    private ToolOptions() {
    }

    /** The tool's command, which runs {@code command}. */
    static CommandSpec declare(Callable<Integer> command) {
        CommandSpec spec = CommandSpecs.command(AmqpTool.NAME, command,
                "Exit status: 0 ok, 1 failure (including --timeout), 2 usage error, 78 bad configuration.",
                "AMQP tool used for debugging and automatic RabbitMQ schema making.",
                "Actions run in this order: --export-definitions, --create, --put, --get.");
        spec.addOption(OptionSpec.builder("-l", LIST).description("List all possible hosts and exit.").build());
        spec.addOption(OptionSpec.builder("-s", HOST).paramLabel("HOST").type(HostChoice.class)
                .converters(new HostChoice.Converter())
                .description("A host from --list (downer and mx2mods are accepted too), or 'all' for all hosts.").build());
        spec.addOption(OptionSpec.builder("-c", CREATE)
                .description("Create the exchanges, queues and bindings of --host (and a missing vhost). --host is required.")
                .build());
        spec.addOption(OptionSpec.builder("-p", PUT).paramLabel("FILE").type(String.class)
                .description("Put the content of FILE (or standard input for -) unchanged into the input queue of --host.")
                .build());
        spec.addOption(OptionSpec.builder("-g", GET)
                .description("Print and acknowledge the messages of the output queue of --host.").build());
        spec.addOption(OptionSpec.builder("-t", TIMEOUT).paramLabel("N").type(int.class).defaultValue("-1")
                .description("End with 'Timeouted!' and status 1 N seconds after connecting (default ${DEFAULT-VALUE}: never).")
                .build());
        spec.addOption(valued(IDLE_TIMEOUT, "N", Integer.class,
                "With --get: end normally (status 0) once no message came for N seconds."));
        spec.addOption(valued(UUID, "VALUE", String.class,
                "With --put: the UUID header to send (default: a fresh random UUID)."));
        spec.addOption(valued(QUEUE_TYPE, "TYPE", QueueType.class,
                "classic (default, as the original) or quorum (replicated, for a RabbitMQ cluster)."));
        spec.addOption(OptionSpec.builder(DEAD_LETTER)
                .description("Also create a dead-letter exchange and queue per input queue, and the policy that uses them.")
                .build());
        spec.addOption(valued(DELIVERY_LIMIT, "N", Integer.class,
                "With --dead-letter and quorum queues: dead-letter a request returned unacked more than N times."));
        spec.addOption(OptionSpec.builder(EXTRA_EXCHANGE).paramLabel("NAME").type(List.class).auxiliaryTypes(String.class)
                .description("Also create exchange NAME bound to the input queue with the input key (aleph: validate, count).")
                .build());
        spec.addOption(valued(EXPORT_DEFINITIONS, "FILE", String.class,
                "Write the schema of --host as a RabbitMQ definitions file (- for standard output)."));
        spec.addOption(OptionSpec.builder(STATUS)
                .description("Show the queues of --host (default all) and whether each daemon consumes; status 1 when one does not.")
                .build());
        spec.addOption(OptionSpec.builder(JSON).description("With --status: print JSON instead of the table.").build());
        spec.addOption(valued(MANAGEMENT_URL, "URL", URI.class,
                "The RabbitMQ management API, used to create vhosts and policies (default http://RABBITMQ_HOST:15672)."));
        spec.addOption(ConfigDirOption.option());
        CommandSpecs.addHelpOptions(spec);
        return spec;
    }

    /** An option without a default that takes a {@code type} value. */
    private static OptionSpec valued(String name, String label, Class<?> type, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).description(description).build();
    }
}
