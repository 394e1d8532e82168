package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.Settings;
import cz.edeposit.amqp.settings.SettingsSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
            .string("LOCALSOCKET", "/var/run/clamav/clamd.ctl")
            .string("PIDFILE", "/var/run/clamav/clamd.pid")
            .string("LOGFILE", "/var/log/clamav/clamav.log")
            .string("CLAMD_TCP_HOST", "127.0.0.1")
            .integer("CLAMD_TCP_PORT", 0)
            .integer("CLAMD_CONNECT_TIMEOUT", 5)
            .integer("CLAMD_SCAN_TIMEOUT", 300)
            .integer("CLAMD_RELOAD_TIMEOUT", 300)
            .string("FRESHCLAM_PATH", "/usr/bin/freshclam")
            .string("FRESHCLAM_CONFIG", "")
            .integer("FRESHCLAM_TIMEOUT", 600)
            .string("SIGNATURE_DIR", "")
            .build();

    private static final Logger LOG = LoggerFactory.getLogger(AntivirusSettings.class);

    /**
     * Resolves the loaded values.
     *
     * @throws ConfigException naming the key when a value cannot work
     */
    static AntivirusSettings from(Settings settings) {
        String where = settings.source().map(Path::toString).orElse(FILE + " (defaults)");
        if (!settings.bool("USE_CLAMD")) {
            throw new ConfigException(where + ": USE_CLAMD is false, which asked the original to run clamscan for every"
                    + " file; this daemon always scans through clamd: set USE_CLAMD to true and run clamd (clamav-daemon)");
        }
        ClamdConfig conf = clamdConfig(settings.string("CONF_PATH"), where);
        return new AntivirusSettings(
                address(settings, conf, where),
                seconds(settings, "CLAMD_CONNECT_TIMEOUT", where),
                seconds(settings, "CLAMD_SCAN_TIMEOUT", where),
                seconds(settings, "CLAMD_RELOAD_TIMEOUT", where),
                conf == null ? null : conf.streamLimit().orElse(null),
                conf == null ? Path.of(ClamdConfig.DEFAULT_DATABASE_DIRECTORY) : conf.databaseDirectory(),
                absolute(settings, "FRESHCLAM_PATH", where),
                absolute(settings, "FRESHCLAM_CONFIG", where),
                seconds(settings, "FRESHCLAM_TIMEOUT", where),
                absolute(settings, "SIGNATURE_DIR", where),
                clamdLog(settings, conf));
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
    private static ClamdAddress address(Settings settings, ClamdConfig conf, String where) {
        long port = settings.integer("CLAMD_TCP_PORT");
        if (port < 0 || port > 65535) {
            throw new ConfigException(where + ": CLAMD_TCP_PORT must be a port from 1 to 65535, or 0 to use LOCALSOCKET, not " + port);
        }
        if (port > 0) {
            String host = settings.string("CLAMD_TCP_HOST").strip();
            if (host.isEmpty()) {
                throw new ConfigException(where + ": CLAMD_TCP_HOST must name clamd's host, such as 127.0.0.1, when CLAMD_TCP_PORT is set");
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
        throw new ConfigException(where + ": LOCALSOCKET is empty, CLAMD_TCP_PORT is 0 and CONF_PATH names no clamd.conf"
                + " with LocalSocket or TCPSocket; set LOCALSOCKET to clamd's socket, e.g. /var/run/clamav/clamd.ctl");
    }

    private static Duration seconds(Settings settings, String key, String where) {
        long value = settings.integer(key);
        if (value < 1 || value > 86_400) {
            throw new ConfigException(where + ": " + key + " must be a number of seconds from 1 to 86400, not " + value);
        }
        return Duration.ofSeconds(value);
    }

    private static Path absolute(Settings settings, String key, String where) {
        String value = settings.string(key);
        if (value.isBlank()) {
            return null;
        }
        Path path = Path.of(value);
        if (!path.isAbsolute()) {
            throw new ConfigException(where + ": " + key + " must be an absolute path or \"\", not '" + value + "'");
        }
        return path;
    }
}
