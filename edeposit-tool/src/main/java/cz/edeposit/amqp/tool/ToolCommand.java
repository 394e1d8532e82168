package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.daemon.ConfigDirOption;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.daemon.VersionProvider;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code edeposit-amqp-tool}: the original's flags and action order (docs/tool.md, "Usage"), and the additions. */
@Command(name = AmqpTool.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = VersionProvider.class,
        description = {"AMQP tool used for debugging and automatic RabbitMQ schema making.",
            "Actions run in this order: --export-definitions, --create, --put, --get."},
        footer = {"", "Exit status: 0 ok, 1 failure (including --timeout), 2 usage error, 78 bad configuration."})
final class ToolCommand implements Callable<Integer> {

    @Option(names = {"-l", "--list"}, description = "List all possible hosts and exit.")
    boolean list;

    @Option(names = {"-s", "--host"}, paramLabel = "HOST", converter = HostChoice.Converter.class,
            description = "A host from --list (downer and mx2mods are accepted too), or 'all' for all hosts.")
    HostChoice host;

    @Option(names = {"-c", "--create"},
            description = "Create the exchanges, queues and bindings of --host (and a missing vhost). --host is required.")
    boolean create;

    @Option(names = {"-p", "--put"}, paramLabel = "FILE",
            description = "Put the content of FILE (or standard input for -) unchanged into the input queue of --host.")
    String put;

    @Option(names = {"-g", "--get"}, description = "Print and acknowledge the messages of the output queue of --host.")
    boolean get;

    @Option(names = {"-t", "--timeout"}, paramLabel = "N", defaultValue = "-1",
            description = "End with 'Timeouted!' and status 1 N seconds after connecting (default ${DEFAULT-VALUE}: never).")
    int timeout;

    @Option(names = "--idle-timeout", paramLabel = "N",
            description = "With --get: end normally (status 0) once no message came for N seconds.")
    Integer idleTimeout;

    @Option(names = "--uuid", paramLabel = "VALUE",
            description = "With --put: the UUID header to send (default: a fresh random UUID).")
    String uuid;

    @Option(names = "--queue-type", paramLabel = "TYPE",
            description = "classic (default, as the original) or quorum (replicated, for a RabbitMQ cluster).")
    QueueType queueType;

    @Option(names = "--dead-letter",
            description = "Also create a dead-letter exchange and queue per input queue, and the policy that uses them.")
    boolean deadLetter;

    @Option(names = "--delivery-limit", paramLabel = "N",
            description = "With --dead-letter and quorum queues: dead-letter a request returned unacked more than N times.")
    Integer deliveryLimit;

    @Option(names = "--extra-exchange", paramLabel = "NAME",
            description = "Also create exchange NAME bound to the input queue with the input key (aleph: validate, count).")
    List<String> extraExchanges = new ArrayList<>();

    @Option(names = "--export-definitions", paramLabel = "FILE",
            description = "Write the schema of --host as a RabbitMQ definitions file (- for standard output).")
    String exportDefinitions;

    @Option(names = "--status",
            description = "Show the queues of --host (default all) and whether each daemon consumes; status 1 when one does not.")
    boolean status;

    @Option(names = "--json", description = "With --status: print JSON instead of the table.")
    boolean json;

    @Option(names = "--management-url", paramLabel = "URL",
            description = "The RabbitMQ management API, used to create vhosts and policies (default http://RABBITMQ_HOST:15672).")
    URI managementUrl;

    @Mixin
    ConfigDirOption configDir;

    @Spec
    CommandSpec command;

    private final Map<String, String> env;
    private final InputStream in;

    ToolCommand(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
    }

    @Override
    public Integer call() {
        if (list) {
            AmqpSettings.hostNames().forEach(name -> out().print(name + "\n"));
            out().flush();
            return ExitCodes.OK;
        }
        checkOptions();
        return status ? status() : run();
    }

    /** {@code --status}: needs only the management API, and answers for every host by default. */
    private int status() {
        AmqpSettings settings = AmqpSettings.load(configDir.locator(env), env);
        List<HostSettings> hosts = (host == null ? new HostChoice(HostChoice.ALL) : host).resolve(settings);
        List<HostStatus> statuses = new StatusReport(management(settings)).read(hosts);
        if (json) {
            StatusReport.printJson(statuses, out());
        } else {
            StatusReport.printTable(statuses, out());
        }
        return StatusReport.exitStatus(statuses);
    }

    /** @throws ToolFailure its lines and status, which {@link ExitCodes#report} prints and returns */
    private int run() {
        requireHost();
        if (host.isAll() && put != null) {
            throw ToolFailure.of("Can't send to all hosts!");
        }
        if (host.isAll() && get) {
            throw ToolFailure.of("Can't receive all hosts!");
        }
        byte[] body = put == null ? null : new PutSource(in).read(put);
        AmqpSettings settings = AmqpSettings.load(configDir.locator(env), env);
        List<HostSettings> hosts = host.resolve(settings);
        List<HostSchema> schemas = schemas(hosts);
        BrokerAccess broker = new BrokerAccess(settings);
        if (exportDefinitions != null) {
            new DefinitionsFile(exportDefinitions, out()).write(DefinitionsExport.of(schemas, settings.userName()));
        }
        if (create) {
            new SchemaCreator(broker, management(settings), out()).create(schemas);
        }
        if (put != null) {
            new Publisher(broker).put(hosts.get(0), body, uuid != null ? uuid : UUID.randomUUID().toString(), timeout);
        }
        if (get) {
            new Receiver(broker, out()).get(hosts.get(0), timeout, idleTimeout == null ? -1 : idleTimeout);
        }
        return ExitCodes.OK;
    }

    private void checkOptions() {
        check(create || put != null || get || exportDefinitions != null || status,
                "nothing to do: give --list, --create, --put, --get, --export-definitions or --status");
        check(!status || !(create || put != null || get || exportDefinitions != null),
                "--status runs alone: not with --create, --put, --get or --export-definitions");
        check(!json || status, "--json needs --status");
        check(timeout >= -1, "--timeout must be -1 (no timeout) or a number of seconds, not " + timeout);
        check(idleTimeout == null || get, "--idle-timeout needs --get");
        check(idleTimeout == null || idleTimeout >= 1, "--idle-timeout must be at least 1 second, not " + idleTimeout);
        check(uuid == null || put != null, "--uuid needs --put");
        boolean schema = create || exportDefinitions != null;
        check(queueType == null || schema, "--queue-type needs --create or --export-definitions");
        check(!deadLetter || schema, "--dead-letter needs --create or --export-definitions");
        check(extraExchanges.isEmpty() || schema, "--extra-exchange needs --create or --export-definitions");
        check(deliveryLimit == null || deadLetter && queueType == QueueType.quorum,
                "--delivery-limit needs --dead-letter and --queue-type quorum (classic queues count no deliveries)");
        check(deliveryLimit == null || deliveryLimit >= 1, "--delivery-limit must be at least 1, not " + deliveryLimit);
        check(extraExchanges.isEmpty() || host == null || !host.isAll(),
                "--extra-exchange needs a single --host, not all: the extra exchanges belong to one host's vhost");
        for (String name : extraExchanges) {
            check(!name.isEmpty() && !name.startsWith("amq."),
                    "--extra-exchange must name an exchange of our own, not '" + name + "' (empty and amq.* are the broker's)");
            check(extraExchanges.indexOf(name) == extraExchanges.lastIndexOf(name),
                    "--extra-exchange '" + name + "' is given twice");
        }
        check(managementUrl == null || ("http".equals(managementUrl.getScheme()) || "https".equals(managementUrl.getScheme()))
                        && managementUrl.getHost() != null,
                "--management-url must be an http:// or https:// URL with a host, not '" + managementUrl + "'");
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(command.commandLine(), message);
        }
    }

    // The original's check, in the original's action order and words.
    private void requireHost() {
        if (host != null) {
            return;
        }
        String action = create ? "create" : put != null ? "put" : get ? "get" : "export-definitions";
        throw ToolFailure.of("--host is required parameter to --" + action);
    }

    private List<HostSchema> schemas(List<HostSettings> hosts) {
        SchemaOptions options = new SchemaOptions(queueType == null ? QueueType.classic : queueType, deadLetter,
                extraExchanges, deliveryLimit == null ? 0 : deliveryLimit);
        for (String name : extraExchanges) {
            if (name.equals(hosts.get(0).exchange())) {
                throw new ToolFailure(ExitCodes.USAGE, List.of("--extra-exchange '" + name + "' is the exchange of host '"
                        + hosts.get(0).name() + "' itself; name a further exchange, such as validate or count"));
            }
        }
        return hosts.stream().map(h -> HostSchema.of(h, options)).toList();
    }

    private ManagementApi management(AmqpSettings settings) {
        // On a cluster any node's management API serves the whole cluster: the first listed node's.
        String host = settings.nodes().get(0).host();
        URI url = managementUrl != null ? managementUrl : URI.create("http://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":15672");
        return new ManagementApi(url, settings.userName(), settings.password());
    }

    private PrintWriter out() {
        return command.commandLine().getOut();
    }

    private PrintWriter err() {
        return command.commandLine().getErr();
    }
}
