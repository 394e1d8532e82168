package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtpMonitorSettingsTest {

    @TempDir
    Path dir;

    private FtpMonitorSettings load(String json) throws Exception {
        Files.writeString(dir.resolve("ftp.json"), json);
        return FtpMonitorSettings.load(new DaemonEnvironment(new ConfigLocator(dir, Map.of(), dir), Map.of(), null, 1));
    }

    @Test
    void theMonitorsKeysHaveTheDefaultsOfTheIssue() throws Exception {
        FtpMonitorSettings settings = load("{}");
        assertEquals(Path.of("/var/lib/edeposit/ftp-monitor.state"), settings.stateFile());
        assertEquals(Duration.ofSeconds(5), settings.settle());
        assertEquals(Duration.ofSeconds(600), settings.maxWait());
        assertEquals(64L << 20, settings.maxMessageBytes());
        assertEquals(1L << 20, settings.maxMetadataBytes());
        assertEquals(Path.of("/var/log/proftpd/extended.log"), settings.ftp().logFile());
    }

    @Test
    void filenameReplacesLogFileOnlyAndABadValueNamesItsKey() throws Exception {
        Map<String, String> env = new HashMap<>();
        String[] rest = FtpMonitorFilenameOption.extract(new String[] {"start", "-n", "/tmp/x.log", "-f"}, env);
        assertEquals(java.util.List.of("start", "-f"), java.util.List.of(rest));
        assertEquals("/tmp/x.log", env.get(FtpMonitorRunner.LOG_FILE_VARIABLE));
        FtpMonitorSettings settings = load("{\"DATA_PATH\": \"/srv/ftp\"}").withLogFile(Path.of("/tmp/x.log"));
        assertEquals(Path.of("/tmp/x.log"), settings.ftp().logFile());
        assertEquals(Path.of("/srv/ftp"), settings.ftp().dataPath());
        ConfigException bad = assertThrows(ConfigException.class, () -> load("{\"UPLOAD_SETTLE_SECONDS\": -1}"));
        assertTrue(bad.getMessage().contains("UPLOAD_SETTLE_SECONDS"), bad.getMessage());
    }
}
