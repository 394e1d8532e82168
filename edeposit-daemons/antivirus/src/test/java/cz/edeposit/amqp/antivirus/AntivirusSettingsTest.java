package cz.edeposit.amqp.antivirus;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AntivirusSettingsTest {

    @TempDir
    Path dir;

    /** Loads with CLAMD_ALLOW_SILENT_LIMITS true unless {@code env} says otherwise: most tests here read clamd.conf's other options. */
    private AntivirusSettings load(String json, Map<String, String> given) throws IOException {
        Files.writeString(dir.resolve("antivirus.json"), json);
        Map<String, String> env = new java.util.HashMap<>(Map.of("EDEPOSIT_CLAMD_ALLOW_SILENT_LIMITS", "true"));
        env.putAll(given);
        return AntivirusSettings.load(new DaemonEnvironment(new ConfigLocator(dir, env, dir), env, null, 1));
    }

    private Path clamdConf(String... lines) throws IOException {
        Path conf = dir.resolve("clamd.conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return conf;
    }

    @Test
    void theShippedConfigHoldsEveryKeyWithItsDefault() throws IOException {
        Path shipped = Path.of("..", "config", "antivirus.json");
        String text = Files.readString(shipped, StandardCharsets.UTF_8);
        List<String> keys = new ArrayList<>();
        new ObjectMapper().readTree(text).fieldNames().forEachRemaining(keys::add);
        assertEquals(List.copyOf(AntivirusSettings.SCHEMA.keys()), keys);
        Files.copy(shipped, dir.resolve("antivirus.json"));
        Settings defaults = Settings.load(AntivirusSettings.SCHEMA, AntivirusSettings.FILE, new ConfigLocator(dir, Map.of(), dir), Map.of());
        assertEquals(Settings.load(AntivirusSettings.SCHEMA, "none.json", new ConfigLocator(dir, Map.of(), dir), Map.of())
                .toString().replace("source=none", ""), defaults.toString().replace("source=" + dir.resolve("antivirus.json"), ""),
                "every value in the shipped file is the default");
    }

    @Test
    void usesTheLocalSocketAndReadsLimitAndDatabaseFromClamdConf() throws IOException {
        Path conf = clamdConf("# comment", "LocalSocket /elsewhere.sock", "DatabaseDirectory /srv/clamav",
                "StreamMaxLength 25M", "MaxFileSize 30M", "MaxScanSize 0");
        AntivirusSettings settings = load("{\"CONF_PATH\": \"" + conf + "\", \"LOCALSOCKET\": \"/run/c.ctl\"}", Map.of());
        assertEquals(new ClamdAddress.Unix(Path.of("/run/c.ctl")), settings.address());
        assertEquals(Path.of("/srv/clamav"), settings.databaseDir());
        assertEquals(25L << 20, settings.limit().bytes());
        assertEquals("StreamMaxLength 25M in " + conf, settings.limit().source());
        assertEquals(Duration.ofSeconds(300), settings.scanTimeout());
        assertEquals(Path.of("/usr/bin/freshclam"), settings.freshclam());
        assertNull(settings.signatureDir());
    }

    @Test
    void theSmallestOfTheThreeClamdLimitsCountsWithClamdsDefaultsForTheMissingOnes() throws IOException {
        Path conf = clamdConf("LocalSocket /x.sock", "StreamMaxLength 200M", "MaxFileSize 50M");
        StreamLimit limit = load("{\"CONF_PATH\": \"" + conf + "\"}", Map.of()).limit();
        assertEquals(50L << 20, limit.bytes());
        assertEquals("MaxFileSize", limit.option());
        Path defaults = clamdConf("LocalSocket /x.sock");
        StreamLimit fallback = load("{\"CONF_PATH\": \"" + defaults + "\"}", Map.of()).limit();
        assertEquals(100L << 20, fallback.bytes());
        assertTrue(fallback.source().contains("clamd's default"), fallback.source());
    }

    @Test
    void takesTcpFromTheJavaKeysFirstThenFromClamdConfWhenLocalSocketIsEmpty() throws IOException {
        Path conf = clamdConf("TCPSocket 3310", "TCPAddr 10.0.0.5");
        assertEquals(new ClamdAddress.Tcp("127.0.0.1", 13310),
                load("{\"CONF_PATH\": \"" + conf + "\", \"CLAMD_TCP_PORT\": 13310}", Map.of()).address());
        assertEquals(new ClamdAddress.Tcp("10.0.0.5", 3310),
                load("{\"CONF_PATH\": \"" + conf + "\", \"LOCALSOCKET\": \"\"}", Map.of()).address());
        assertEquals(new ClamdAddress.Tcp("clamav.example", 3310), load("{\"CONF_PATH\": \"" + conf + "\"}",
                Map.of("EDEPOSIT_CLAMD_TCP_HOST", "clamav.example", "EDEPOSIT_CLAMD_TCP_PORT", "3310")).address());
    }

    @Test
    void aMissingClamdConfLeavesTheLimitToClamd() throws IOException {
        AntivirusSettings settings = load("{\"CONF_PATH\": \"" + dir.resolve("none.conf") + "\"}", Map.of());
        assertNull(settings.limit());
        assertEquals(Path.of("/var/lib/clamav"), settings.databaseDir());
    }

    @Test
    void rejectsWhatCannotWorkWithOneLineNamingTheKey() throws IOException {
        String noClamd = assertThrows(ConfigException.class, () -> load("{\"USE_CLAMD\": false}", Map.of())).getMessage();
        assertTrue(noClamd.contains("USE_CLAMD is false") && noClamd.contains("set USE_CLAMD to true"), noClamd);
        String port = assertThrows(ConfigException.class, () -> load("{\"CLAMD_TCP_PORT\": 70000}", Map.of())).getMessage();
        assertEquals(dir.resolve("antivirus.json") + " (or EDEPOSIT_CLAMD_TCP_PORT): CLAMD_TCP_PORT must be a whole number"
                + " from 0 to 65535, not 70000", port);
        String timeout = assertThrows(ConfigException.class, () -> load("{\"CLAMD_SCAN_TIMEOUT\": 0}", Map.of())).getMessage();
        assertTrue(timeout.contains("CLAMD_SCAN_TIMEOUT must be a number of seconds from 1 to 86400, not 0"), timeout);
        String relative = assertThrows(ConfigException.class, () -> load("{\"SIGNATURE_DIR\": \"sigs\"}", Map.of())).getMessage();
        assertTrue(relative.contains("SIGNATURE_DIR must be an absolute path"), relative);
        Path badSize = clamdConf("LocalSocket /x", "StreamMaxLength lots");
        String size = assertThrows(ConfigException.class, () -> load("{\"CONF_PATH\": \"" + badSize + "\"}", Map.of())).getMessage();
        assertTrue(size.contains("StreamMaxLength must be a size such as 25M"), size);
        Path noSocket = clamdConf("DatabaseDirectory /x");
        String socket = assertThrows(ConfigException.class,
                () -> load("{\"CONF_PATH\": \"" + noSocket + "\", \"LOCALSOCKET\": \"\"}", Map.of())).getMessage();
        assertTrue(socket.contains("set LOCALSOCKET to clamd's socket"), socket);
        assertTrue(!socket.contains("\n") && !size.contains("\n"), "one line each");
    }

    @Test
    void refusesAClamdConfThatLetsLimitsPassSilentlyUnlessAcceptedOnPurpose() throws IOException {
        Map<String, String> strict = Map.of("EDEPOSIT_CLAMD_ALLOW_SILENT_LIMITS", "false");
        String json = "{\"CONF_PATH\": \"" + dir.resolve("clamd.conf") + "\"}";
        clamdConf("LocalSocket /x.sock", "AlertExceedsMax yes", "MaxFileSize 400M", "MaxScanSize 400M");
        load(json, strict);
        clamdConf("LocalSocket /x.sock", "AlertExceedsMax true", "MaxFileSize 0", "MaxScanSize 0");
        load(json, strict);

        clamdConf("LocalSocket /x.sock", "MaxFileSize 400M", "MaxScanSize 400M");
        String noAlert = assertThrows(ConfigException.class, () -> load(json, strict)).getMessage();
        assertEquals(dir.resolve("clamd.conf") + ": AlertExceedsMax is not yes, so clamd answers OK for a file it skipped or cut"
                + " at MaxFileSize, MaxScanSize, MaxRecursion or MaxFiles: add 'AlertExceedsMax yes'; then restart clamd"
                + " (or set CLAMD_ALLOW_SILENT_LIMITS to true in antivirus.json to accept unscanned content as clean)", noAlert);
        clamdConf("LocalSocket /x.sock", "AlertExceedsMax yes", "MaxFileSize 25M");
        String member = assertThrows(ConfigException.class, () -> load(json, strict)).getMessage();
        assertTrue(member.contains(": MaxFileSize 25M is below MaxScanSize 400M, so clamd skips a zip member larger than"
                + " MaxFileSize without an alert: set MaxFileSize to the value of MaxScanSize; then restart clamd"), member);
        clamdConf("LocalSocket /x.sock", "AlertExceedsMax yes", "MaxFileSize 25M", "MaxScanSize 0");
        assertTrue(assertThrows(ConfigException.class, () -> load(json, strict)).getMessage().contains("MaxScanSize 0 (no limit)"));

        assertEquals(25 << 20, load(json, Map.of("EDEPOSIT_CLAMD_ALLOW_SILENT_LIMITS", "true")).limit().bytes());
    }
}
