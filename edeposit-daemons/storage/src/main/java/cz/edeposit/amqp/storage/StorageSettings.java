package cz.edeposit.amqp.storage;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The daemon's view of {@code storage.json}: the original's keys (the ZODB and bottle ones read and
 * ignored) and the Java ones for the database, the limits and the web server (docs/storage.md).
 *
 * @param publicDir      the files of public publications
 * @param privateDir     the files of private publications
 * @param archiveDir     the unpacked archives
 * @param hnasIndicator  the file whose absence means the storage volume is not mounted, or null when not checked
 * @param web            the download server
 * @param database       the index
 * @param maxReplyBytes  the largest sum of stored bytes a full search may put into one reply
 * @param archiveLimits  what an archive may unpack to
 * @param sweep          when unused files are deleted ({@link OrphanSweeper})
 */
record StorageSettings(Path publicDir, Path privateDir, Path archiveDir, Path hnasIndicator, WebSettings web,
                       DatabaseSettings database, long maxReplyBytes, ArchiveLimits archiveLimits, Sweep sweep) {

    /** With the default sweep (the tests' settings). */
    StorageSettings(Path publicDir, Path privateDir, Path archiveDir, Path hnasIndicator, WebSettings web,
                    DatabaseSettings database, long maxReplyBytes, ArchiveLimits archiveLimits) {
        this(publicDir, privateDir, archiveDir, hnasIndicator, web, database, maxReplyBytes, archiveLimits,
                Sweep.DEFAULT);
    }

    static final String FILE = "storage.json";
    /** The environment variable that names the settings file, checked before the usual places (as in the original). */
    static final String SETTINGS_PATH = "SETTINGS_PATH";
    static final String DEFAULT_DB_URL = "jdbc:h2:file:/var/lib/edeposit/storage/index";

    private static final Pattern URL_KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .string("ZEO_SERVER_PATH", "")
            .string("ZEO_CLIENT_PATH", "")
            .bool("PRIVATE_INDEX", false)
            .string("PRIVATE_INDEX_USERNAME", "edeposit")
            .secret("PRIVATE_INDEX_PASSWORD", "")
            .string("PUBLIC_DIR", "")
            .string("PRIVATE_DIR", "")
            .string("ARCHIVE_DIR", "")
            .string("HNAS_INDICATOR", "")
            .bool("HNAS_IND_ALLOWED", false)
            .string("WEB_ADDR", "localhost")
            .port("WEB_PORT", "8080")
            .string("WEB_SERVER", "wsgiref")
            .decimal("WEB_DB_TIMEOUT", 30)
            .bool("WEB_DEBUG", false)
            .bool("WEB_RELOADER", false)
            .string("DOWNLOAD_KEY", "download")
            .string("UUID_DOWNLOAD_KEY", "UUID")
            .string("PATH_DOWNLOAD_KEY", "tree_by_path")
            .string("ISSN_DOWNLOAD_KEY", "tree_by_issn")
            .string("STORAGE_DB_URL", DEFAULT_DB_URL)
            .string("STORAGE_DB_USER", "")
            .secret("STORAGE_DB_PASSWORD", "")
            .bytes("STORAGE_MAX_REPLY_BYTES", 64L << 20, 1, 1L << 30)
            .bytes("STORAGE_ARCHIVE_MAX_BYTES", 1L << 30, 1, 1L << 40)
            .integer("STORAGE_ARCHIVE_MAX_ENTRIES", 10_000, 1, 1_000_000)
            .bool("WEB_ENABLED", true)
            .string("WEB_PUBLIC_URL", "")
            .seconds("STORAGE_SWEEP_GRACE", 3600, 60, 30 * 86400)
            .seconds("STORAGE_SWEEP_INTERVAL", 86400, 0, 365 * 86400)
            .build();

    /** The download server's settings; {@code baseUrl} starts every URL in replies. */
    record WebSettings(boolean enabled, String address, int port, URI baseUrl, String uuidKey, String pathKey,
                       String issnKey, boolean privateIndex, String user, String password) {

        @Override
        public String toString() {
            return "WebSettings[" + address + ":" + port + ", " + baseUrl + ", private index " + privateIndex + "]";
        }
    }

    /** Where the index lives; the password never appears in {@link #toString()}. */
    record DatabaseSettings(String url, String user, String password) {

        boolean postgresql() {
            return url.startsWith("jdbc:postgresql:");
        }

        @Override
        public String toString() {
            return "DatabaseSettings[" + url + ", user " + (user.isEmpty() ? "(none)" : user) + "]";
        }
    }

    /** The most an archive may unpack to: entries and bytes. */
    record ArchiveLimits(long entries, long bytes) {
    }

    /**
     * The sweep of unused files: only files older than {@code grace} are deleted; it runs at start and
     * then every {@code interval} (zero: at start only).
     */
    record Sweep(java.time.Duration grace, java.time.Duration interval) {
        static final Sweep DEFAULT = new Sweep(java.time.Duration.ofHours(1), java.time.Duration.ofDays(1));
    }

    /** Reads {@code storage.json} ({@code SETTINGS_PATH} first); a value that cannot work is a {@link ConfigException}. */
    static StorageSettings load(DaemonEnvironment environment) {
        String named = environment.env().get(SETTINGS_PATH);
        if (named == null || named.isBlank()) {
            return environment.load(SCHEMA, FILE, StorageSettings::from);
        }
        Path file = Path.of(named).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("environment variable " + SETTINGS_PATH + " names " + file
                    + ", which is not a file: point it at the storage settings file, or unset it");
        }
        ConfigLocator locator = new ConfigLocator(file.getParent(), Map.of(), Path.of("/etc/edeposit"));
        return Settings.load(SCHEMA, file.getFileName().toString(), locator, environment.env(), StorageSettings::from);
    }

    /** Converts values core has checked against {@link #SCHEMA} and checks the directories and the web keys. */
    static StorageSettings from(Settings settings) {
        boolean hnas = settings.bool("HNAS_IND_ALLOWED");
        Path indicator = null;
        if (hnas) {
            indicator = absolute(settings, "HNAS_INDICATOR", "the file that exists only when the storage volume is mounted");
        }
        Path publicDir = directory(settings, "PUBLIC_DIR");
        Path privateDir = directory(settings, "PRIVATE_DIR");
        Path archiveDir = directory(settings, "ARCHIVE_DIR");
        if (publicDir.equals(privateDir)) {
            throw settings.invalid("PRIVATE_DIR", "must differ from PUBLIC_DIR, or private files would be served");
        }
        return new StorageSettings(publicDir, privateDir, archiveDir, indicator, web(settings),
                new DatabaseSettings(database(settings), settings.string("STORAGE_DB_USER"),
                        settings.string("STORAGE_DB_PASSWORD")),
                settings.bytes("STORAGE_MAX_REPLY_BYTES"),
                new ArchiveLimits(settings.integer("STORAGE_ARCHIVE_MAX_ENTRIES"),
                        settings.bytes("STORAGE_ARCHIVE_MAX_BYTES")),
                new Sweep(settings.duration("STORAGE_SWEEP_GRACE"), settings.duration("STORAGE_SWEEP_INTERVAL")));
    }

    private static String database(Settings settings) {
        String url = settings.string("STORAGE_DB_URL").strip();
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw settings.invalid("STORAGE_DB_URL", "must be an H2 or PostgreSQL JDBC URL, such as " + DEFAULT_DB_URL
                    + " or jdbc:postgresql://db.example.org/edeposit");
        }
        return url;
    }

    private static WebSettings web(Settings settings) {
        boolean privateIndex = settings.bool("PRIVATE_INDEX");
        if (privateIndex && settings.string("PRIVATE_INDEX_PASSWORD").isEmpty()) {
            throw settings.invalid("PRIVATE_INDEX_PASSWORD", "is empty while PRIVATE_INDEX is true: set a password,"
                    + " or set PRIVATE_INDEX to false");
        }
        String address = settings.string("WEB_ADDR").strip();
        if (address.isEmpty()) {
            throw settings.invalid("WEB_ADDR", "is empty: give the address to listen on, such as localhost or 0.0.0.0");
        }
        int port = settings.port("WEB_PORT");
        return new WebSettings(settings.bool("WEB_ENABLED"), address, port, baseUrl(settings, address, port),
                urlKey(settings, "UUID_DOWNLOAD_KEY"), urlKey(settings, "PATH_DOWNLOAD_KEY"),
                urlKey(settings, "ISSN_DOWNLOAD_KEY"), privateIndex, settings.string("PRIVATE_INDEX_USERNAME"),
                settings.string("PRIVATE_INDEX_PASSWORD"));
    }

    private static URI baseUrl(Settings settings, String address, int port) {
        String given = settings.string("WEB_PUBLIC_URL").strip();
        if (given.isEmpty()) {
            String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
            return URI.create("http://" + host + (port == 80 ? "" : ":" + port));
        }
        try {
            URI uri = URI.create(given.endsWith("/") ? given.substring(0, given.length() - 1) : given);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw settings.invalid("WEB_PUBLIC_URL", "must be empty or an http:// or https:// URL without a query, such as"
                + " https://storage.example.org");
    }

    private static String urlKey(Settings settings, String key) {
        String value = settings.string(key);
        if (!URL_KEY.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw settings.invalid(key, "must be one URL path segment of letters, digits, '_', '.' or '-'");
        }
        return value;
    }

    private static Path absolute(Settings settings, String key, String what) {
        String text = settings.string(key).strip();
        Optional<Path> path = text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
        if (path.isEmpty() || !path.get().isAbsolute()) {
            throw settings.invalid(key, "must be an absolute path: " + what);
        }
        return path.get().normalize();
    }

    private static Path directory(Settings settings, String key) {
        Path dir = absolute(settings, key, "an existing directory the daemon may write to");
        if (!Files.isDirectory(dir)) {
            throw settings.invalid(key, "names " + dir + ", which is not an existing directory: create it, owned by the daemon's user");
        }
        if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
            throw settings.invalid(key, "names " + dir + ", which this user cannot read and write: change its owner or mode");
        }
        return dir;
    }
}
