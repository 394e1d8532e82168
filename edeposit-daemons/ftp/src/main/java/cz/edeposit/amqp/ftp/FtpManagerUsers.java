package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.wire.KeyError;
import cz.edeposit.amqp.wire.PreconditionError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The account operations of the ftp manager. Each change holds the passwd file's lock from its checks to its
 * write, so a rejected request changes nothing, and a failure half way undoes what was done before it.
 */
final class FtpManagerUsers {

    static final String SHELL = "/bin/false";
    private static final Logger LOG = LoggerFactory.getLogger(FtpManagerUsers.class);

    private final FtpPasswdFile passwd;
    private final FtpLoginFileLock lock;
    private final FtpHomes homes;
    private final FtpProftpdReload proftpd;
    private final String usersGid;

    FtpManagerUsers(FtpPasswdFile passwd, FtpLoginFileLock lock, FtpHomes homes, FtpProftpdReload proftpd, int usersGid) {
        this.passwd = passwd;
        this.lock = lock;
        this.homes = homes;
        this.proftpd = proftpd;
        this.usersGid = Integer.toString(usersGid);
    }

    /** Makes the home with its lock file, then the entry (so a login never finds a missing home). */
    void add(String username, String password) {
        FtpUserNames.check(username);
        checkPassword(password);
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            FtpPasswd current = passwd.read();
            FtpPasswdEntry existing = current.find(username).orElse(null);
            if (existing != null) {
                if (FtpPasswords.matches(password, existing.hash())) {
                    LOG.info("AddUser {}: exists with this password already (a repeated request): nothing to do", username);
                    return;
                }
                throw new PreconditionError("User '" + username + "' is already registered!");
            }
            Path home = homes.home(username);
            FtpPasswdEntry entry = new FtpPasswdEntry(username, FtpPasswords.hash(password), usersGid, usersGid,
                    "", home.toString(), SHELL);
            boolean made = homes.create(username);
            try {
                passwd.write(current.with(entry));
            } catch (RuntimeException e) {
                if (made) {
                    homes.deleteQuietly(home);
                }
                throw e;
            }
        }
        LOG.info("AddUser {}: home and passwd entry made", username);
        proftpd.reload();
    }

    /** Sets the home aside, removes the entry, then deletes the home (setting it back if the entry stays). */
    void remove(String username) {
        FtpUserNames.check(username);
        Path aside;
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            FtpPasswd current = passwd.read();
            if (current.find(username).isEmpty()) {
                throw new PreconditionError("Username '" + username + "' not found!");
            }
            aside = homes.setAside(username);
            try {
                passwd.write(current.without(username));
            } catch (RuntimeException e) {
                if (aside != null) {
                    homes.restore(aside, username);
                }
                throw e;
            }
        }
        if (aside != null) {
            homes.deleteQuietly(aside);
        }
        LOG.info("RemoveUser {}: passwd entry and home deleted", username);
        proftpd.reload();
    }

    /** Replaces only the hash of the entry. */
    void changePassword(String username, String newPassword) {
        FtpUserNames.check(username);
        checkPassword(newPassword);
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            FtpPasswd current = passwd.read();
            FtpPasswdEntry entry = current.find(username)
                    .orElseThrow(() -> new PreconditionError("Username '" + username + "' not found!"));
            passwd.write(current.with(entry.withHash(FtpPasswords.hash(newPassword))));
        }
        LOG.info("ChangePassword {}: hash replaced", username);
        proftpd.reload();
    }

    /** The account names in file order. */
    List<String> list() {
        return passwd.names();
    }

    /** The user's own switches, from the gecos field. */
    FtpUserSwitches settings(String username) {
        FtpUserNames.check(username);
        return switches(passwd.find(username).orElseThrow(() -> notFound(username)));
    }

    /** Stores the switches of {@code request} in the gecos field; returns what is stored. */
    FtpUserSwitches setSettings(FtpManagerMessages.SetUserSettings request) {
        String username = FtpUserNames.check(request.username());
        FtpUserSwitches stored;
        try (FtpLoginFileLock.Held held = lock.acquire()) {
            FtpPasswd current = passwd.read();
            FtpPasswdEntry entry = entry(current, username);
            stored = switches(entry).with(request);
            if (stored.gecos().equals(entry.gecos())) {
                return stored;
            }
            passwd.write(current.with(entry.withGecos(stored.gecos())));
        }
        LOG.info("SetUserSettings {}: {}", username, stored.gecos());
        proftpd.reload();
        return stored;
    }

    private static FtpPasswdEntry entry(FtpPasswd passwd, String username) {
        return passwd.find(username).orElseThrow(() -> notFound(username));
    }

    private static KeyError notFound(String username) {
        return new KeyError("Username '" + username + "' not found!");
    }

    private FtpUserSwitches switches(FtpPasswdEntry entry) {
        try {
            return FtpUserSwitches.fromGecos(entry.gecos());
        } catch (IllegalArgumentException e) {
            LOG.warn("{}, user {}: {}; read as all switches on", passwd.path(), entry.name(), e.getMessage());
            return FtpUserSwitches.ALL_ON;
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new PreconditionError("Password is required!");
        }
        if (password.length() > FtpPasswords.MAX_LENGTH) {
            throw new PreconditionError("The password is longer than " + FtpPasswords.MAX_LENGTH + " characters!");
        }
    }
}
