package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The manager's start-up: the checks of ftp.json against this machine, an empty LOGIN_FILE when there is none
 * (ProFTPD does not start while its AuthUserFile is missing), DATA_PATH, and what a crash left behind.
 */
final class FtpManagerSetup {

    /** How long a change waits for an outside holder of {@code LOGIN_FILE.lock}. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(FtpManagerSetup.class);

    private FtpManagerSetup() {
    }

    /** Reads ftp.json, checks it against the machine and prepares the files; a bad setting is a one-line ConfigException. */
    static FtpManagerUsers prepare(DaemonEnvironment environment) {
        return environment.load(FtpSettings.SCHEMA, FtpSettings.FILE, FtpManagerSetup::prepare);
    }

    static FtpManagerUsers prepare(Settings raw) {
        FtpSettings settings = FtpSettings.from(raw);
        UserPrincipal owner;
        try {
            owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(settings.proftpdUser());
        } catch (UserPrincipalNotFoundException e) {
            throw raw.invalid("PROFTPD_USER", "names no user of this system ('" + settings.proftpdUser() + "'): install"
                    + " proftpd-core, which makes the user proftpd, or name the user that owns the FTP homes");
        } catch (IOException e) {
            throw raw.invalid("PROFTPD_USER", "cannot be looked up: " + e);
        }
        String loginKey = raw.optionalPath("LOGIN_FILE").isPresent() ? "LOGIN_FILE" : "CONF_PATH";
        Path loginFile = settings.loginFile();
        if (!Files.isDirectory(loginFile.getParent())) {
            throw raw.invalid(loginKey, "gives the passwd file " + loginFile + ", whose directory does not exist: install"
                    + " ProFTPD (proftpd-core) or set " + loginKey + " to a directory of ProFTPD's configuration");
        }
        if (Files.isSymbolicLink(loginFile)) {
            try {
                Path real = loginFile.toRealPath();
                LOG.info("{} is a link to {}: changes are written there", loginFile, real);
                loginFile = real;
            } catch (IOException e) {
                throw raw.invalid(loginKey, "gives the passwd file " + loginFile + ", a link that leads nowhere: " + e);
            }
        }
        try {
            prepareDataPath(raw, settings.dataPath());
        } catch (IOException e) {
            throw raw.invalid("DATA_PATH", "cannot be used: " + e);
        }
        FtpPasswdFile passwd = new FtpPasswdFile(loginFile);
        FtpLoginFileLock lock = new FtpLoginFileLock(loginFile, LOCK_TIMEOUT);
        FtpHomes homes = new FtpHomes(settings.dataPath(), settings.lockFilename(), owner, settings.usersGid());
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            passwd.removeLeftovers();
            if (!Files.exists(loginFile, LinkOption.NOFOLLOW_LINKS)) {
                passwd.write(FtpPasswd.EMPTY);
                LOG.info("made the empty passwd file {} (mode 0600) that ProFTPD's AuthUserFile needs", loginFile);
            }
            Set<String> users = new HashSet<>(passwd.names());
            homes.removeLeftovers(users);
            LOG.info("managing {} accounts of {} with homes in {}", users.size(), loginFile, settings.dataPath());
        } catch (FtpIOError e) {
            throw raw.invalid(loginKey, "names a passwd file the daemon cannot use: " + e.getMessage());
        }
        FtpProftpdReload proftpd = new FtpProftpdReload(settings.proftpdPidFile());
        Integer pid = proftpd.proftpdPid();
        if (pid != null) {
            LOG.info("ProFTPD runs with pid {} ({}): it gets a SIGHUP after each change", pid, settings.proftpdPidFile());
        }
        return new FtpManagerUsers(passwd, lock, homes, proftpd, settings.usersGid());
    }

    private static void prepareDataPath(Settings raw, Path dataPath) throws IOException {
        if (!Files.exists(dataPath)) {
            Files.createDirectories(dataPath);
            // whatever the umask (the unit's is 0027): ProFTPD's logins must pass through it
            Files.setPosixFilePermissions(dataPath, PosixFilePermissions.fromString("rwxr-xr-x"));
            LOG.info("made DATA_PATH {} (mode 0755)", dataPath);
        } else if (!Files.isDirectory(dataPath)) {
            throw raw.invalid("DATA_PATH", "is " + dataPath + ", which is not a directory: set it to the directory of the FTP homes");
        }
        // ProFTPD changes to the home as the FTP account, which must be let through every directory above it.
        for (Path dir = dataPath; dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                LOG.warn("{} is not traversable by others (no o+x): FTP logins fail until it is (chmod o+x {})", dir, dir);
            }
        }
    }
}
