package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.daemon.CommandSpecs;
import cz.edeposit.amqp.daemon.ConfigDirOption;
import cz.edeposit.amqp.daemon.ExitCodes;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code edeposit-amqp-tool}: the original's flags and action order (docs/tool.md, "Usage"), and the
 * additions; {@link ToolOptions} declares the command line, whose values {@link #call()} reads by name.
 */
final class ToolCommand implements Callable<Integer> {

    private final CommandSpec command;

    // The options' values, which readOptions() takes from the parsed command line at the start of call().
    private boolean list;
    private HostChoice host;
    private boolean create;
    private String put;
    private boolean get;
    private int timeout;
    private Integer idleTimeout;
    private String uuid;
    private QueueType queueType;
    private boolean deadLetter;
    private Integer deliveryLimit;
    private List<String> extraExchanges;
    private String exportDefinitions;
    private boolean status;
    private boolean json;
    private URI managementUrl;

    private final Map<String, String> env;
    private final InputStream in;

    ToolCommand(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
        this.command = ToolOptions.declare(this);
    }

    /** The command line's model, which picocli fills in as it parses and which runs this command. */
    CommandSpec command() {
        return command;
    }

    @Override
    public Integer call() {
        readOptions();
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
        AmqpSettings settings = AmqpSettings.load(ConfigDirOption.locator(command, env), env);
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
        AmqpSettings settings = AmqpSettings.load(ConfigDirOption.locator(command, env), env);
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

    private void readOptions() {
        list = CommandSpecs.flag(command, ToolOptions.LIST);
        host = CommandSpecs.value(command, ToolOptions.HOST);
        create = CommandSpecs.flag(command, ToolOptions.CREATE);
        put = CommandSpecs.value(command, ToolOptions.PUT);
        get = CommandSpecs.flag(command, ToolOptions.GET);
        timeout = CommandSpecs.<Integer>value(command, ToolOptions.TIMEOUT);
        idleTimeout = CommandSpecs.value(command, ToolOptions.IDLE_TIMEOUT);
        uuid = CommandSpecs.value(command, ToolOptions.UUID);
        queueType = CommandSpecs.value(command, ToolOptions.QUEUE_TYPE);
        deadLetter = CommandSpecs.flag(command, ToolOptions.DEAD_LETTER);
        deliveryLimit = CommandSpecs.value(command, ToolOptions.DELIVERY_LIMIT);
        List<String> extra = CommandSpecs.value(command, ToolOptions.EXTRA_EXCHANGE);
        extraExchanges = extra == null ? List.of() : extra;
        exportDefinitions = CommandSpecs.value(command, ToolOptions.EXPORT_DEFINITIONS);
        status = CommandSpecs.flag(command, ToolOptions.STATUS);
        json = CommandSpecs.flag(command, ToolOptions.JSON);
        managementUrl = CommandSpecs.value(command, ToolOptions.MANAGEMENT_URL);
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
