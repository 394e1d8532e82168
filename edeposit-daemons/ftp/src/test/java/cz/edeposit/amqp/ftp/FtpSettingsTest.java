package cz.edeposit.amqp.ftp;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import cz.edeposit.amqp.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtpSettingsTest {

    @TempDir
    Path dir;

    private FtpSettings load(String json, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("ftp.json"), json);
        return FtpSettings.load(new DaemonEnvironment(new ConfigLocator(dir, env, dir), env, null, 1));
    }

    @Test
    void theShippedConfigHoldsEveryKeyWithItsDefault() throws IOException {
        Path shipped = Path.of("..", "config", "ftp.json");
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(Files.readString(shipped, StandardCharsets.UTF_8)).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(FtpSettings.SCHEMA.keys()), keys);
        Files.copy(shipped, dir.resolve("ftp.json"));
        Settings fromFile = Settings.load(FtpSettings.SCHEMA, FtpSettings.FILE, new ConfigLocator(dir, Map.of(), dir), Map.of());
        Settings defaults = Settings.load(FtpSettings.SCHEMA, "none.json", new ConfigLocator(dir, Map.of(), dir), Map.of());
        assertEquals(defaults.toString().replace("source=none", ""),
                fromFile.toString().replace("source=" + dir.resolve("ftp.json"), ""), "every value in the shipped file is the default");
    }

    @Test
    void theDefaultsAreTheOriginalsWithThePasswdFileInConfPath() throws IOException {
        FtpSettings settings = load("{}", Map.of());
        assertEquals(Path.of("/etc/proftpd/ftpd.passwd"), settings.loginFile());
        assertEquals(Path.of("/home/ftp"), settings.dataPath());
        assertEquals("delete_me_to_import_files.txt", settings.lockFilename());
        assertEquals(FtpUserSwitches.ALL_ON, settings.global());
        assertTrue(settings.lockOnlyInHome());
        assertEquals(2000, settings.usersGid());
        assertEquals(Path.of("/run/proftpd.pid"), settings.proftpdPidFile());
        assertEquals("proftpd", settings.proftpdUser());
    }

    @Test
    void loginFileFollowsConfPathUnlessGivenAndTheSwitchesAcceptBooleans() throws IOException {
        assertEquals(Path.of("/srv/proftpd/ftpd.passwd"), load("{\"CONF_PATH\": \"/srv/proftpd/\"}", Map.of()).loginFile());
        FtpSettings given = load("{\"CONF_PATH\": \"/srv/proftpd/\", \"LOGIN_FILE\": \"/srv/users.passwd\","
                + " \"ISBN_PAIRING\": false, \"LEAVE_BAD_FILES\": false}", Map.of("EDEPOSIT_PROFTPD_USERS_GID", "3000"));
        assertEquals(Path.of("/srv/users.passwd"), given.loginFile());
        assertEquals(new FtpUserSwitches(true, true, false, true, false), given.global());
        assertEquals(3000, given.usersGid());
    }

    @Test
    void rejectsWhatCannotWorkWithOneLineNamingTheKey() throws IOException {
        String lock = assertThrows(ConfigException.class, () -> load("{\"LOCK_FILENAME\": \"../x\"}", Map.of())).getMessage();
        assertEquals(dir.resolve("ftp.json") + " (or EDEPOSIT_LOCK_FILENAME): LOCK_FILENAME must be a plain file name"
                + " (it is created in each user's home), not '../x'", lock);
        String gid = assertThrows(ConfigException.class, () -> load("{\"PROFTPD_USERS_GID\": 0}", Map.of())).getMessage();
        assertTrue(gid.contains("PROFTPD_USERS_GID must be a whole number from 1 to 2147483647, not 0"), gid);
        String data = assertThrows(ConfigException.class, () -> load("{\"DATA_PATH\": \"ftp\"}", Map.of())).getMessage();
        assertTrue(data.contains("DATA_PATH must be an absolute path"), data);
        String user = assertThrows(ConfigException.class, () -> load("{\"PROFTPD_USER\": \" \"}", Map.of())).getMessage();
        assertTrue(user.contains("PROFTPD_USER must be a non-blank string"), user);
        assertFalse(lock.contains("\n") || gid.contains("\n") || data.contains("\n"), "one line each");
    }
}
