package cz.edeposit.amqp.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import cz.edeposit.amqp.wire.ReplyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core AMQP settings of {@code amqp.json}: the broker connection and the topology of the eleven hosts.
 *
 * <p>Keys and defaults are those of the original {@code edeposit/amqp/settings.py}. Host names are
 * the canonical ones ({@code downloader}, {@code marcxml2mods}); the legacy names {@code downer} and
 * {@code mx2mods} that the original derived from the settings keys are accepted as aliases.
 */
public final class AmqpSettings {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpSettings.class);
    static final String FILE_NAME = "amqp.json";
    static final String HOST = "RABBITMQ_HOST";
    static final String PORT = "RABBITMQ_PORT";
    static final String USER_NAME = "RABBITMQ_USER_NAME";
    static final String USER_PASSWORD = "RABBITMQ_USER_PASSWORD";
    static final String SETTINGS_PATH = "SETTINGS_PATH";
    static final String SETTINGS_PATH_DEFAULT = "/edeposit/amqp.json";
    static final String ALEPH_EXCEPTION_KEY = "RABBITMQ_ALEPH_EXCEPTION_KEY";
    static final String USE_TLS = "RABBITMQ_USE_TLS";
    static final String TLS_CA_FILE = "RABBITMQ_TLS_CA_FILE";
    static final String TLS_KEYSTORE = "RABBITMQ_TLS_KEYSTORE";
    static final String TLS_KEYSTORE_PASSWORD = "RABBITMQ_TLS_KEYSTORE_PASSWORD";
    static final String TLS_VERIFY_HOSTNAME = "RABBITMQ_TLS_VERIFY_HOSTNAME";
    static final String ADDRESSES = "RABBITMQ_ADDRESSES";

    /** The key that lists a cluster's nodes, for messages. */
    public static final String ADDRESSES_KEY = ADDRESSES;

    /** One host of the original settings module: its key prefix and its topology defaults. */
    private record Host(String name, String alias, String prefix, String vhost, String exchange,
                        String inputQueue, String outputQueue) {
        String key(String suffix) {
            return "RABBITMQ_" + prefix + "_" + suffix;
        }
    }

    // In the order the original declares the settings; the schema keeps this order.
    private static final List<Host> DECLARED = List.of(
            new Host("aleph", null, "ALEPH", "aleph", "search", "daemon", "plone"),
            new Host("calibre", null, "CALIBRE", "calibre", "convert", "daemon", "plone"),
            new Host("ftp", null, "FTP", "ftp", "ftp", "daemon", "plone"),
            new Host("antivirus", null, "ANTIVIRUS", "antivirus", "antivirus", "daemon", "plone"),
            new Host("harvester", null, "HARVESTER", "harvester", "harvester", "daemon", "plone"),
            new Host("ltp", null, "LTP", "ltp", "ltp", "daemon", "plone"),
            new Host("pdfgen", null, "PDFGEN", "pdfgen", "pdfgen", "daemon", "plone"),
            new Host("downloader", "downer", "DOWNER", "downloader", "downloader", "daemon", "plone"),
            new Host("storage", null, "STORAGE", "storage", "export", "daemon", "plone"),
            new Host("marcxml2mods", "mx2mods", "MX2MODS", "marcxml2mods", "export", "daemon", "plone"),
            new Host("aleph_link_export", null, "ALEPH_LINK_EXPORT", "aleph", "update-links", "updater", "plone"));

    // The original tool's --list order (Python 2 dict order) with canonical names, then the host it lost.
    private static final List<String> LIST_ORDER = List.of("ftp", "ltp", "harvester", "storage", "calibre",
            "antivirus", "marcxml2mods", "pdfgen", "aleph", "downloader", "aleph_link_export");

    private static final Map<String, Host> BY_NAME = new LinkedHashMap<>();

    static {
        for (String name : LIST_ORDER) {
            BY_NAME.put(name, DECLARED.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow());
        }
    }

    private static final SettingsSchema SCHEMA = buildSchema();

    private final Settings raw;
    private final Map<String, HostSettings> hosts;
    private final TlsSettings tls;
    private final List<BrokerAddress> nodes;

    private AmqpSettings(Settings raw, Map<String, HostSettings> hosts, TlsSettings tls, List<BrokerAddress> nodes) {
        this.raw = raw;
        this.hosts = hosts;
        this.tls = tls;
        this.nodes = nodes;
    }

    /** Every key of the original settings module with its default. */
    public static SettingsSchema schema() {
        return SCHEMA;
    }

    /**
     * Reads {@code amqp.json} as located by {@code locator}, then the {@code EDEPOSIT_<KEY>} variables of {@code env}.
     *
     * @throws ConfigException on an unreadable file, a bad value, or a host whose two queues share a name
     */
    public static AmqpSettings load(ConfigLocator locator, Map<String, String> env) {
        return Settings.load(SCHEMA, FILE_NAME, locator, env, AmqpSettings::from);
    }

    /**
     * As {@link #load}, but leaves the warning about a password file readable by others to
     * {@link #warnIfPasswordFileIsReadable()}, which a daemon calls once it has started cleanly.
     */
    public static AmqpSettings loadQuietly(ConfigLocator locator, Map<String, String> env) {
        return Settings.loadQuietly(SCHEMA, FILE_NAME, locator, env, AmqpSettings::from);
    }

    /** Logs the one-line warning when the file these settings came from holds a password others may read. */
    public void warnIfPasswordFileIsReadable() {
        raw.permissionWarning().ifPresent(FilePermissions::warn);
    }

    /**
     * Builds the host view from settings loaded with {@link #schema()}.
     *
     * @throws ConfigException when a host's input and output queue have the same name
     * @throws IllegalArgumentException when {@code settings} lacks a key of {@link #schema()}
     */
    public static AmqpSettings from(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        // Touch the connection keys now, so settings of another schema fail here rather than at connect time.
        settings.port(PORT);
        settings.string(HOST);
        settings.string(USER_NAME);
        settings.string(USER_PASSWORD);
        settings.string(ALEPH_EXCEPTION_KEY);
        if (!settings.string(SETTINGS_PATH).equals(SETTINGS_PATH_DEFAULT)) {
            LOG.info("{} (from {}) has no effect; use --config-dir or EDEPOSIT_CONFIG_DIR to choose the settings directory",
                    SETTINGS_PATH, settings.origin(SETTINGS_PATH));
        }
        Map<String, HostSettings> hosts = new LinkedHashMap<>();
        for (Host host : BY_NAME.values()) {
            hosts.put(host.name(), hostSettings(settings, host));
        }
        TlsSettings tls = tlsSettings(settings);
        return new AmqpSettings(settings, hosts, tls, nodes(settings, defaultPort(settings, tls)));
    }

    /** The keys that name the broker nodes, for messages: those in use, {@code RABBITMQ_ADDRESSES} or host and port. */
    public String addressKeys() {
        return raw.strings(ADDRESSES).isEmpty() ? HOST + " and " + PORT : ADDRESSES;
    }

    /**
     * The broker nodes to connect to, in the order given: those of {@code RABBITMQ_ADDRESSES}, or
     * when that list is empty the one node {@code RABBITMQ_HOST}:{@code RABBITMQ_PORT}. A connection
     * tries them in a shuffled order ({@code broker.BrokerConnection}).
     */
    public List<BrokerAddress> nodes() {
        return nodes;
    }

    public String host() {
        return raw.string(HOST);
    }

    /**
     * {@code RABBITMQ_PORT}; when it is not set and TLS is on, 5671 rather than 5672. Also the port of
     * every {@code RABBITMQ_ADDRESSES} entry that names none.
     */
    public int port() {
        return defaultPort(raw, tls);
    }

    private static int defaultPort(Settings settings, TlsSettings tls) {
        if (tls.enabled() && settings.origin(PORT).equals(Settings.DEFAULT_ORIGIN)) {
            return TlsSettings.DEFAULT_TLS_PORT;
        }
        return settings.port(PORT);
    }

    // Each entry checked like any other value: a bad one is a ConfigException naming the key and the entry.
    private static List<BrokerAddress> nodes(Settings settings, int defaultPort) {
        List<String> entries = settings.strings(ADDRESSES);
        if (entries.isEmpty()) {
            String host = settings.string(HOST).strip();
            if (host.isEmpty()) {
                throw SettingsErrors.invalid(settings.origin(HOST), FILE_NAME, HOST,
                        "must name the broker host, not \"\"; or list the nodes in " + ADDRESSES);
            }
            return List.of(new BrokerAddress(host, defaultPort));
        }
        List<BrokerAddress> nodes = new ArrayList<>(entries.size());
        for (String entry : entries) {
            BrokerAddress node = BrokerAddress.parse(entry, defaultPort).orElseThrow(() -> SettingsErrors.invalid(
                    settings.origin(ADDRESSES), FILE_NAME, ADDRESSES, "entry " + Values.quote(entry)
                            + " is not host or host:port (a port from 1 to 65535, an IPv6 address in brackets:"
                            + " [::1]:5672); fix or remove that entry"));
            if (nodes.contains(node)) {
                throw SettingsErrors.invalid(settings.origin(ADDRESSES), FILE_NAME, ADDRESSES, "names "
                        + node + " twice; list each node once");
            }
            nodes.add(node);
        }
        if (!settings.origin(HOST).equals(Settings.DEFAULT_ORIGIN)) {
            LOG.info("{} (from {}) is not used: {} lists the nodes", HOST, settings.origin(HOST), ADDRESSES);
        }
        return List.copyOf(nodes);
    }

    /** Whether and how the connection is secured with TLS. */
    public TlsSettings tls() {
        return tls;
    }

    public String userName() {
        return raw.string(USER_NAME);
    }

    /** The broker password; never log it. */
    public String password() {
        return raw.string(USER_PASSWORD);
    }

    public Settings raw() {
        return raw;
    }

    /**
     * The topology of a host given by canonical name or legacy alias (case-sensitive).
     *
     * @throws IllegalArgumentException {@code unknown host 'X'; known hosts: ...} for any other name
     */
    public HostSettings host(String name) {
        return hosts.get(canonicalHostName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown host '" + name + "'; known hosts: " + String.join(", ", LIST_ORDER)
                        + " (also accepted: downer for downloader, mx2mods for marcxml2mods)")));
    }

    /** All hosts in {@code --list} order. */
    public List<HostSettings> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The canonical host names in {@code --list} order. */
    public static List<String> hostNames() {
        return LIST_ORDER;
    }

    /**
     * The canonical name for a canonical name or a legacy alias ({@code downer}, {@code mx2mods}).
     *
     * @return empty for null or an unknown name, so a caller can handle {@code all} or report its own usage error
     */
    public static Optional<String> canonicalHostName(String nameOrAlias) {
        if (nameOrAlias == null) {
            return Optional.empty();
        }
        for (Host host : BY_NAME.values()) {
            if (host.name().equals(nameOrAlias) || nameOrAlias.equals(host.alias())) {
                return Optional.of(host.name());
            }
        }
        return Optional.empty();
    }

    /** The connection settings and hosts; the password is shown as {@code ****}. */
    @Override
    public String toString() {
        return "AmqpSettings[source=" + raw.source().map(Object::toString).orElse("none")
                + ", nodes=" + nodes + ", userName=" + userName()
                + ", password=" + Values.MASK + ", tls=" + tls + ", hosts=" + hosts.values() + "]";
    }

    /** The TLS keys; a named file that cannot be read is a configuration error at load time. */
    private static TlsSettings tlsSettings(Settings settings) {
        boolean enabled = settings.bool(USE_TLS);
        Optional<Path> ca = readableFile(settings, TLS_CA_FILE, enabled);
        Optional<Path> keystore = readableFile(settings, TLS_KEYSTORE, enabled);
        if (!enabled && (ca.isPresent() || keystore.isPresent())) {
            LOG.warn("{} or {} is set (from {}) but {} is false: the broker connection is not encrypted",
                    TLS_CA_FILE, TLS_KEYSTORE, settings.origin(ca.isPresent() ? TLS_CA_FILE : TLS_KEYSTORE), USE_TLS);
        }
        return new TlsSettings(enabled, ca, keystore, settings.string(TLS_KEYSTORE_PASSWORD),
                settings.bool(TLS_VERIFY_HOSTNAME));
    }

    private static Optional<Path> readableFile(Settings settings, String key, boolean check) {
        String value = settings.string(key);
        if (value.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(value);
        if (check && !Files.isReadable(file)) {
            throw new ConfigException(settings.origin(key) + ": " + key + " names " + file + ", which "
                    + (Files.exists(file) ? "cannot be read by this user" : "does not exist")
                    + "; point it at a " + (key.equals(TLS_CA_FILE) ? "PEM CA certificate file" : "PKCS12 keystore")
                    + ", or leave it empty");
        }
        return Optional.of(file);
    }

    private static HostSettings hostSettings(Settings settings, Host host) {
        String inputKey = host.key("INPUT_QUEUE");
        String outputKey = host.key("OUTPUT_QUEUE");
        String inputQueue = settings.string(inputKey);
        String outputQueue = settings.string(outputKey);
        if (inputQueue.equals(outputQueue)) {
            throw duplicateQueue(settings, host, inputQueue, inputKey, outputKey);
        }
        return new HostSettings(host.name(), settings.string(host.key("VIRTUALHOST")), settings.string(host.key("EXCHANGE")),
                inputQueue, outputQueue, settings.string(host.key("INPUT_KEY")), settings.string(host.key("OUTPUT_KEY")));
    }

    // The original keyed the queues map by queue name and silently lost one binding; here it is a startup error.
    private static ConfigException duplicateQueue(Settings settings, Host host, String queue, String inputKey, String outputKey) {
        String where = settings.source().map(Object::toString)
                .orElseGet(() -> settings.origin(outputKey).equals(Settings.DEFAULT_ORIGIN)
                        ? settings.origin(inputKey) : settings.origin(outputKey));
        return new ConfigException(where + ": host '" + host.name() + "' uses queue '" + queue + "' as both "
                + inputKey + fromEnv(settings, inputKey) + " and " + outputKey + fromEnv(settings, outputKey)
                + "; give the input and output queue different names");
    }

    private static String fromEnv(Settings settings, String key) {
        String origin = settings.origin(key);
        return origin.startsWith(Settings.ENV_PREFIX) ? " (set by " + origin + ")" : "";
    }

    private static SettingsSchema buildSchema() {
        SettingsSchema.Builder builder = SettingsSchema.builder()
                .string(HOST, "127.0.0.1")
                .port(PORT, "5672")
                .string(USER_NAME, "guest")
                .secret(USER_PASSWORD, "guest");
        for (Host host : DECLARED) {
            builder.string(host.key("VIRTUALHOST"), host.vhost())
                    .string(host.key("INPUT_QUEUE"), host.inputQueue())
                    .string(host.key("OUTPUT_QUEUE"), host.outputQueue())
                    .string(host.key("EXCHANGE"), host.exchange())
                    .string(host.key("INPUT_KEY"), "request")
                    .string(host.key("OUTPUT_KEY"), "result");
        }
        return builder.string(SETTINGS_PATH, SETTINGS_PATH_DEFAULT)
                .string(ALEPH_EXCEPTION_KEY, ReplyKeys.ALEPH_EXCEPTION_KEY)
                // Java-only keys: TLS to the broker (docs/reliability.md).
                .bool(USE_TLS, false)
                .string(TLS_CA_FILE, "")
                .string(TLS_KEYSTORE, "")
                .secret(TLS_KEYSTORE_PASSWORD, "")
                .bool(TLS_VERIFY_HOSTNAME, true)
                // Java-only key: the nodes of a cluster (docs/scaling.md); empty means RABBITMQ_HOST:RABBITMQ_PORT.
                .strings(ADDRESSES, List.of())
                .build();
    }
}
