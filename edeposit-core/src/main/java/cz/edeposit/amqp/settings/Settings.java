package cz.edeposit.amqp.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cz.edeposit.amqp.settings.SettingsSchema.Entry;
import cz.edeposit.amqp.settings.SettingsSchema.Kind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable settings values: the schema defaults, overridden by the one located file, overridden by {@code EDEPOSIT_<KEY>} variables.
 *
 * <p>Value rules, for files and environment variables alike: a string setting accepts a string or an
 * integral number (kept as its decimal text); an integer setting an integral number or a numeric
 * string; a port setting the same, from 1 to 65535; a boolean {@code true}/{@code false} or those
 * strings; a decimal any number or numeric string; the ranged kinds of {@link SettingsSchema} only a
 * value within their range. Any other value is a {@link ConfigException} worded the same way for
 * every kind; an unknown key is logged as a warning and listed in {@link #warnings()}.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    static final String ENV_PREFIX = "EDEPOSIT_";
    static final String DEFAULT_ORIGIN = "default";

    private final SettingsSchema schema;
    private final Map<String, Object> values;
    private final Map<String, String> origins;
    private final String fileName;
    private final Path source;
    private final List<String> warnings;
    private final String permissionWarning;

    private Settings(SettingsSchema schema, Map<String, Object> values, Map<String, String> origins,
                     String fileName, Path source, List<String> warnings, String permissionWarning) {
        this.schema = schema;
        this.fileName = fileName;
        this.permissionWarning = permissionWarning;
        this.values = Collections.unmodifiableMap(new HashMap<>(values));
        this.origins = Collections.unmodifiableMap(new HashMap<>(origins));
        this.source = source;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Loads {@code fileName} as located by {@code locator}, then applies {@code EDEPOSIT_<KEY>} from {@code env}.
     *
     * @throws ConfigException when the file cannot be read or parsed, or a value does not fit its declaration
     */
    public static Settings load(SettingsSchema schema, String fileName, ConfigLocator locator, Map<String, String> env) {
        return load(schema, fileName, locator, env, Function.identity());
    }

    /**
     * Loads the settings as {@link #load(SettingsSchema, String, ConfigLocator, Map)} does and builds
     * a module's view of them with {@code build}, which may refuse them with a {@link ConfigException}.
     *
     * <p>Only when {@code build} succeeds is the warning about a password file readable by others
     * logged, so an operator sees the error that stops the command first and alone.
     */
    public static <T> T load(SettingsSchema schema, String fileName, ConfigLocator locator, Map<String, String> env,
                             Function<Settings, T> build) {
        return read(schema, fileName, locator, env).build(build);
    }

    /**
     * As {@link #load(SettingsSchema, String, ConfigLocator, Map, Function)}, but logs nothing about
     * a password file readable by others: a daemon logs {@link #permissionWarning()} itself once its
     * module settings and start-up checks passed too, so that the warning never precedes their error.
     */
    public static <T> T loadQuietly(SettingsSchema schema, String fileName, ConfigLocator locator,
                                    Map<String, String> env, Function<Settings, T> build) {
        return build.apply(read(schema, fileName, locator, env));
    }

    /** The one-line warning about a password file readable by other users, if there is one. */
    Optional<String> permissionWarning() {
        return Optional.ofNullable(permissionWarning);
    }

    private <T> T build(Function<Settings, T> build) {
        T built = build.apply(this);
        if (permissionWarning != null) {
            FilePermissions.warn(permissionWarning);
        }
        return built;
    }

    private static Settings read(SettingsSchema schema, String fileName, ConfigLocator locator, Map<String, String> env) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(env, "env");
        Map<String, Object> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        for (Entry entry : schema.entries()) {
            values.put(entry.key(), entry.defaultValue());
            origins.put(entry.key(), DEFAULT_ORIGIN);
        }
        List<String> warnings = new ArrayList<>();
        String permissionWarning = null;
        Optional<Path> file = locator.find(fileName);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}", locator.describe(fileName));
        }
        if (file.isPresent()) {
            Path path = file.get();
            ObjectNode json = SettingsFile.read(path);
            permissionWarning = FilePermissions.warningIfSecretsAreReadableByOthers(path, secretsIn(schema, json)).orElse(null);
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                Entry entry = schema.entry(field.getKey());
                if (entry == null) {
                    String warning = "Ignoring unknown setting '" + field.getKey() + "' in " + path + hint(schema, field.getKey());
                    LOG.warn(warning);
                    warnings.add(warning);
                    continue;
                }
                values.put(entry.key(), Values.fromJson(entry, field.getValue(), path.toString()));
                origins.put(entry.key(), path.toString());
            }
        }
        for (Entry entry : schema.entries()) {
            String variable = ENV_PREFIX + entry.key();
            String text = env.get(variable);
            if (text != null) {
                values.put(entry.key(), Values.fromText(entry, text, variable));
                origins.put(entry.key(), variable);
            }
        }
        return new Settings(schema, values, origins, fileName, file.orElse(null), warnings, permissionWarning);
    }

    /** The secret keys that {@code json} gives a non-empty value. */
    private static List<String> secretsIn(SettingsSchema schema, ObjectNode json) {
        List<String> secrets = new ArrayList<>();
        for (Entry entry : schema.entries()) {
            JsonNode value = json.get(entry.key());
            if (entry.kind() == Kind.SECRET && value != null && !value.isNull() && !value.asText().isEmpty()) {
                secrets.add(entry.key());
            }
        }
        return secrets;
    }

    /** A string, non-blank, secret or port setting as text (a port in its canonical decimal form). */
    public String string(String key) {
        return (String) get(key, Kind.STRING, Kind.NON_BLANK, Kind.SECRET, Kind.PORT);
    }

    public long integer(String key) {
        return (Long) get(key, Kind.INTEGER);
    }

    public int port(String key) {
        return Integer.parseInt((String) get(key, Kind.PORT));
    }

    public boolean bool(String key) {
        return (Boolean) get(key, Kind.BOOL);
    }

    public double decimal(String key) {
        return (Double) get(key, Kind.DECIMAL);
    }

    /** A {@code seconds} setting. */
    public Duration duration(String key) {
        return (Duration) get(key, Kind.SECONDS);
    }

    /** A {@code bytes} setting. */
    public long bytes(String key) {
        return (Long) get(key, Kind.BYTES);
    }

    /** A {@code path} setting: absolute and normalized. */
    public Path path(String key) {
        return (Path) get(key, Kind.PATH);
    }

    /** An {@code optionalPath} setting: empty for {@code ""}. */
    @SuppressWarnings("unchecked")
    public Optional<Path> optionalPath(String key) {
        return (Optional<Path>) get(key, Kind.OPTIONAL_PATH);
    }

    /** An {@code httpUrl} setting, without a trailing slash. */
    public URI url(String key) {
        return (URI) get(key, Kind.HTTP_URL);
    }

    /** A {@code strings} setting: an unmodifiable list of stripped, non-blank strings, possibly empty. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        return (List<String>) get(key, Kind.STRINGS);
    }

    /**
     * The error for a value that fits its declaration but not the rest of the settings or the
     * machine (a directory that does not exist, a switch this daemon cannot honour), worded as every
     * settings error: where {@code key} was set, the key, and {@code problem}.
     *
     * @param problem what is wrong, starting with a verb, e.g. {@code "names /x, which is not a directory; ..."}
     */
    public ConfigException invalid(String key, String problem) {
        requireEntry(key);
        return SettingsErrors.invalid(origins.get(key), fileName, key, problem);
    }

    /** The file the values were read from; empty when no file was found. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The warnings logged while loading (unknown keys), in file order. */
    public List<String> warnings() {
        return warnings;
    }

    /** The stored value of any kind (a String, Long, Boolean, Double, Duration, Path, Optional or URI), for code that compares settings. */
    Object value(String key) {
        requireEntry(key);
        return values.get(key);
    }

    /** Where the value of {@code key} came from: {@code "default"}, the file path or the variable name. */
    String origin(String key) {
        requireEntry(key);
        return origins.get(key);
    }

    /** All values in schema order, secrets shown as {@code ****}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "Settings[", "]");
        joiner.add("source=" + (source == null ? "none" : source.toString()));
        for (Entry entry : schema.entries()) {
            joiner.add(entry.key() + "=" + Values.show(entry, values.get(entry.key())));
        }
        return joiner.toString();
    }

    private Object get(String key, Kind... kinds) {
        Entry entry = requireEntry(key);
        for (Kind kind : kinds) {
            if (entry.kind() == kind) {
                return values.get(key);
            }
        }
        throw new IllegalArgumentException("setting " + key + " is of kind " + entry.kind().name().toLowerCase(Locale.ROOT)
                + ", not " + kinds[0].name().toLowerCase(Locale.ROOT));
    }

    private Entry requireEntry(String key) {
        Entry entry = schema.entry(Objects.requireNonNull(key, "key"));
        if (entry == null) {
            throw new IllegalArgumentException("unknown setting " + key + "; it is not part of the schema");
        }
        return entry;
    }

    // Keys are case-sensitive as in the original; point out the likely intended key.
    private static String hint(SettingsSchema schema, String key) {
        for (String known : schema.keys()) {
            if (known.equalsIgnoreCase(key)) {
                return " (keys are case-sensitive; did you mean '" + known + "'?)";
            }
        }
        return "";
    }
}
