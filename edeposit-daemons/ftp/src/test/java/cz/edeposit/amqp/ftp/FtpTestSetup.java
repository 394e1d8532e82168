package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigLocator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory with what the ftp manager manages, as on a real machine: {@code conf/ftpd.passwd} (LOGIN_FILE),
 * {@code data/} (DATA_PATH), {@code run/proftpd.pid}, and {@code config/ftp.json} naming them. Every directory is
 * traversable by others, as ProFTPD's logins need.
 */
final class FtpTestSetup implements AutoCloseable {

    static final int GID = 2000;
    static final String LOCK_FILENAME = "delete_me_to_import_files.txt";

    final Path base;
    final Path conf;
    final Path data;
    final Path run;
    final Path loginFile;
    final Path pidFile;
    private final Path config;

    FtpTestSetup(String name) throws Exception {
        base = Files.createTempDirectory(name);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        conf = Files.createDirectory(base.resolve("conf"));
        data = base.resolve("data"); // made by the daemon at start-up
        run = Files.createDirectory(base.resolve("run"));
        config = Files.createDirectory(base.resolve("config"));
        loginFile = conf.resolve("ftpd.passwd");
        pidFile = run.resolve("proftpd.pid");
        Files.writeString(config.resolve("ftp.json"), "{\"CONF_PATH\": \"" + conf + "/\", \"DATA_PATH\": \"" + data + "/\","
                + " \"PROFTPD_PID_FILE\": \"" + pidFile + "\", \"PROFTPD_USERS_GID\": " + GID + "}");
    }

    /** The settings directory, for {@code --config-dir}. */
    Path config() {
        return config;
    }

    /** The handler, as the daemon's factory makes it from {@code config/ftp.json}. */
    FtpManagerHandler handler() {
        return FtpManagerHandler.create(new DaemonEnvironment(new ConfigLocator(config, Map.of(), config), Map.of(), null, 1));
    }

    String passwdText() throws Exception {
        return Files.readString(loginFile);
    }

    @Override
    public void close() throws Exception {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
