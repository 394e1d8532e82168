package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The daemon's view of {@code antivirus.json} (the original's keys plus UPPER_CASE Java ones, see
 * docs/antivirus.md), completed from clamd's own {@code clamd.conf} at {@code CONF_PATH}.
 *
 * @param address          where clamd listens
 * @param connectTimeout   connecting to clamd and short commands
 * @param scanTimeout      one whole scan
 * @param reloadTimeout    waiting for clamd to activate a new database
 * @param limit            the largest file clamd scans whole, or null when unknown (no clamd.conf)
 * @param databaseDir      clamd's {@code DatabaseDirectory}
 * @param freshclam        the freshclam executable, or null when updates never use it
 * @param freshclamConfig  freshclam's configuration file, or null for its default
 * @param freshclamTimeout one freshclam run
 * @param signatureDir     the local signature directory of offline updates, or null
 * @param clamdLog         clamd's log file, named in messages: clamd.conf's {@code LogFile}, else {@code LOGFILE}
 */
record AntivirusSettings(ClamdAddress address, Duration connectTimeout, Duration scanTimeout, Duration reloadTimeout,
                         StreamLimit limit, Path databaseDir, Path freshclam, Path freshclamConfig,
                         Duration freshclamTimeout, Path signatureDir, String clamdLog) {

    static final String FILE = "antivirus.json";

    static final SettingsSchema SCHEMA = SettingsSchema.builder()
            .bool("USE_CLAMD", true)
            .string("CONF_PATH", "/etc/clamav/clamd.conf")
            .bool("CLAMD_ALLOW_SILENT_LIMITS", false)
            .string("LOCALSOCKET", "/var/run/clamav/clamd.ctl")
            .string("PIDFILE", "/var/run/clamav/clamd.pid")
            .string("LOGFILE", "/var/log/clamav/clamav.log")
            .string("CLAMD_TCP_HOST", "127.0.0.1")
            .integer("CLAMD_TCP_PORT", 0, 0, 65535) // 0: use LOCALSOCKET
            .seconds("CLAMD_CONNECT_TIMEOUT", 5, 1, 86_400)
            .seconds("CLAMD_SCAN_TIMEOUT", 300, 1, 86_400)
            .seconds("CLAMD_RELOAD_TIMEOUT", 300, 1, 86_400)
            .optionalPath("FRESHCLAM_PATH", "/usr/bin/freshclam")
            .optionalPath("FRESHCLAM_CONFIG", "")
            .seconds("FRESHCLAM_TIMEOUT", 600, 1, 86_400)
            .optionalPath("SIGNATURE_DIR", "")
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(AntivirusSettings.class);

    /** Reads {@code antivirus.json} and clamd's {@code clamd.conf}; a value that cannot work is a {@link ConfigException}. */
    static AntivirusSettings load(DaemonEnvironment environment) {
        return environment.load(SCHEMA, FILE, AntivirusSettings::from);
    }

    /**
     * Resolves values that core has already checked against {@link #SCHEMA}.
     *
     * @throws ConfigException naming the key when a value cannot work with the others or with clamd.conf
     */
    static AntivirusSettings from(Settings settings) {
        if (!settings.bool("USE_CLAMD")) {
            throw settings.invalid("USE_CLAMD", "is false, which asked the original to run clamscan for every"
                    + " file; this daemon always scans through clamd: set USE_CLAMD to true and run clamd (clamav-daemon)");
        }
        String where = settings.source().map(Path::toString).orElse(FILE + " (defaults)");
        ClamdConfig conf = clamdConfig(settings.string("CONF_PATH"), where);
        AntivirusSettings resolved = new AntivirusSettings(
                address(settings, conf),
                settings.duration("CLAMD_CONNECT_TIMEOUT"),
                settings.duration("CLAMD_SCAN_TIMEOUT"),
                settings.duration("CLAMD_RELOAD_TIMEOUT"),
                conf == null ? null : conf.streamLimit().orElse(null),
                conf == null ? Path.of(ClamdConfig.DEFAULT_DATABASE_DIRECTORY) : conf.databaseDirectory(),
                settings.optionalPath("FRESHCLAM_PATH").orElse(null),
                settings.optionalPath("FRESHCLAM_CONFIG").orElse(null),
                settings.duration("FRESHCLAM_TIMEOUT"),
                settings.optionalPath("SIGNATURE_DIR").orElse(null),
                clamdLog(settings, conf));
        if (conf != null) {
            checkSilentLimits(conf, settings.bool("CLAMD_ALLOW_SILENT_LIMITS"));
        }
        return resolved;
    }

    // A clamd that answers OK for what it did not scan turns a malware bypass into a clean verdict.
    private static void checkSilentLimits(ClamdConfig conf, boolean allowed) {
        List<String> problems = conf.silentLimits();
        if (!problems.isEmpty() && !allowed) {
            throw new ConfigException(conf.file() + ": " + String.join("; ", problems) + "; then restart clamd"
                    + " (or set CLAMD_ALLOW_SILENT_LIMITS to true in antivirus.json to accept unscanned content as clean)");
        }
        for (String problem : problems) {
            LOG.warn("{}: {} (accepted by CLAMD_ALLOW_SILENT_LIMITS: such content comes back clean)", conf.file(), problem);
        }
        if (!conf.isYes("AlertEncrypted")) {
            LOG.warn("{}: AlertEncrypted is not yes, so an encrypted archive or PDF, which clamd cannot look into,"
                    + " comes back clean: add 'AlertEncrypted yes'", conf.file());
        }
    }

    // clamd.conf knows where clamd really logs; LOGFILE is what the original wrote into it.
    private static String clamdLog(Settings settings, ClamdConfig conf) {
        return conf == null ? settings.string("LOGFILE") : conf.value("LogFile").orElse(settings.string("LOGFILE"));
    }

    private static ClamdConfig clamdConfig(String confPath, String where) {
        if (confPath.isBlank()) {
            return null;
        }
        Path file = Path.of(confPath);
        if (!Files.exists(file)) {
            LOG.warn("{}: CONF_PATH {} does not exist: the stream size limit is unknown (clamd enforces its own)"
                    + " and the database directory is taken to be {}", where, file, ClamdConfig.DEFAULT_DATABASE_DIRECTORY);
            return null;
        }
        return ClamdConfig.read(file);
    }

    // CLAMD_TCP_PORT first, as an explicit choice of TCP; then LOCALSOCKET; then what clamd.conf says.
    private static ClamdAddress address(Settings settings, ClamdConfig conf) {
        long port = settings.integer("CLAMD_TCP_PORT");
        if (port > 0) {
            String host = settings.string("CLAMD_TCP_HOST").strip();
            if (host.isEmpty()) {
                throw settings.invalid("CLAMD_TCP_HOST", "must name clamd's host, such as 127.0.0.1, when CLAMD_TCP_PORT is set");
            }
            return new ClamdAddress.Tcp(host, (int) port);
        }
        String socket = settings.string("LOCALSOCKET");
        if (!socket.isBlank()) {
            return new ClamdAddress.Unix(Path.of(socket));
        }
        if (conf != null && conf.value("LocalSocket").isPresent()) {
            return new ClamdAddress.Unix(Path.of(conf.value("LocalSocket").get()));
        }
        if (conf != null && conf.value("TCPSocket").isPresent()) {
            String text = conf.value("TCPSocket").get();
            try {
                return new ClamdAddress.Tcp(conf.value("TCPAddr").orElse("127.0.0.1"), Integer.parseInt(text));
            } catch (NumberFormatException e) {
                throw new ConfigException(conf.file() + ": TCPSocket must be a port number, not '" + text + "'");
            }
        }
        throw settings.invalid("LOCALSOCKET", "is empty, CLAMD_TCP_PORT is 0 and CONF_PATH names no clamd.conf"
                + " with LocalSocket or TCPSocket; set LOCALSOCKET to clamd's socket, e.g. /var/run/clamav/clamd.ctl");
    }
}
