package cz.edeposit.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmqpSettingsTest {
    static final String SECRET = "s3cr3t-Pa55";

    @TempDir
    Path tmp;

    private AmqpSettings defaults() {
        return AmqpSettings.load(new ConfigLocator(null, Map.of(), tmp.resolve("no-etc")), Map.of());
    }

    private Path writeConfig(String json) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cfg"));
        return Files.writeString(dir.resolve("amqp.json"), json);
    }

    private AmqpSettings loadConfig(String json, Map<String, String> env) throws IOException {
        Path file = writeConfig(json);
        return AmqpSettings.load(new ConfigLocator(file.getParent(), Map.of(), tmp.resolve("no-etc")), env);
    }

    @Test
    void connectionDefaultsAreThoseOfTheOriginal() {
        AmqpSettings s = defaults();
        assertEquals("127.0.0.1", s.host());
        assertEquals(5672, s.port());
        assertEquals("5672", s.raw().string("RABBITMQ_PORT"));
        assertEquals("guest", s.userName());
        assertEquals("guest", s.password());
        assertEquals("/edeposit/amqp.json", s.raw().string("SETTINGS_PATH"));
        assertEquals("exception", s.raw().string("RABBITMQ_ALEPH_EXCEPTION_KEY"));
        assertEquals(Optional.empty(), s.raw().source());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "aleph, ALEPH, aleph, search, daemon, plone",
        "calibre, CALIBRE, calibre, convert, daemon, plone",
        "ftp, FTP, ftp, ftp, daemon, plone",
        "antivirus, ANTIVIRUS, antivirus, antivirus, daemon, plone",
        "harvester, HARVESTER, harvester, harvester, daemon, plone",
        "ltp, LTP, ltp, ltp, daemon, plone",
        "pdfgen, PDFGEN, pdfgen, pdfgen, daemon, plone",
        "downloader, DOWNER, downloader, downloader, daemon, plone",
        "storage, STORAGE, storage, export, daemon, plone",
        "marcxml2mods, MX2MODS, marcxml2mods, export, daemon, plone",
        "aleph_link_export, ALEPH_LINK_EXPORT, aleph, update-links, updater, plone",
    })
    void hostDefaultsMatchTheReferenceTable(String name, String prefix, String vhost, String exchange,
                                            String inputQueue, String outputQueue) {
        AmqpSettings s = defaults();
        assertEquals(new HostSettings(name, vhost, exchange, inputQueue, outputQueue, "request", "result"), s.host(name));
        Settings raw = s.raw();
        assertEquals(vhost, raw.string("RABBITMQ_" + prefix + "_VIRTUALHOST"));
        assertEquals(exchange, raw.string("RABBITMQ_" + prefix + "_EXCHANGE"));
        assertEquals(inputQueue, raw.string("RABBITMQ_" + prefix + "_INPUT_QUEUE"));
        assertEquals(outputQueue, raw.string("RABBITMQ_" + prefix + "_OUTPUT_QUEUE"));
        assertEquals("request", raw.string("RABBITMQ_" + prefix + "_INPUT_KEY"));
        assertEquals("result", raw.string("RABBITMQ_" + prefix + "_OUTPUT_KEY"));
    }

    @Test
    void schemaHoldsTheOriginalKeysAndTheJavaOnlyTlsKeys() {
        assertEquals(4 + 11 * 6 + 2 + 5 + 1, AmqpSettings.schema().keys().size());
        assertEquals(List.of("RABBITMQ_USE_TLS", "RABBITMQ_TLS_CA_FILE", "RABBITMQ_TLS_KEYSTORE",
                        "RABBITMQ_TLS_KEYSTORE_PASSWORD", "RABBITMQ_TLS_VERIFY_HOSTNAME", "RABBITMQ_ADDRESSES"),
                AmqpSettings.schema().keys().stream().skip(4 + 11 * 6 + 2).collect(Collectors.toList()));
        assertEquals(List.of("RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USER_NAME", "RABBITMQ_USER_PASSWORD"),
                AmqpSettings.schema().keys().stream().limit(4).collect(Collectors.toList()));
    }

    @Test
    void alephLinkExportIsTheEleventhHost() {
        HostSettings host = defaults().host("aleph_link_export");
        assertEquals("aleph", host.vhost());
        assertEquals("update-links", host.exchange());
        assertEquals(Map.of("updater", "request", "plone", "result"), host.queues());
    }

    @Test
    void hostsFollowTheListOrderWithCanonicalNames() {
        List<String> expected = List.of("ftp", "ltp", "harvester", "storage", "calibre", "antivirus",
                "marcxml2mods", "pdfgen", "aleph", "downloader", "aleph_link_export");
        assertEquals(expected, AmqpSettings.hostNames());
        assertEquals(expected, defaults().hosts().stream().map(HostSettings::name).collect(Collectors.toList()));
    }

    @Test
    void legacyAliasesResolveToCanonicalHosts() {
        AmqpSettings s = defaults();
        assertEquals(s.host("downloader"), s.host("downer"));
        assertEquals(s.host("marcxml2mods"), s.host("mx2mods"));
        assertEquals(Optional.of("downloader"), AmqpSettings.canonicalHostName("downer"));
        assertEquals(Optional.of("marcxml2mods"), AmqpSettings.canonicalHostName("mx2mods"));
        assertEquals(Optional.of("ltp"), AmqpSettings.canonicalHostName("ltp"));
        assertEquals(Optional.empty(), AmqpSettings.canonicalHostName("LTP"));
        assertEquals(Optional.empty(), AmqpSettings.canonicalHostName("all"));
        assertEquals(Optional.empty(), AmqpSettings.canonicalHostName(null));
    }

    @Test
    void unknownHostMessageListsKnownHosts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> defaults().host("Aleph"));
        assertTrue(e.getMessage().startsWith("unknown host 'Aleph'; known hosts: ftp, ltp, harvester, storage, calibre, "
                + "antivirus, marcxml2mods, pdfgen, aleph, downloader, aleph_link_export"), e.getMessage());
    }

    @Test
    void homeFileWinsOverEtcFileWithoutMerging() throws IOException {
        Path home = tmp.resolve("home");
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.createDirectories(home.resolve("edeposit"));
        Files.writeString(home.resolve("edeposit/amqp.json"), "{\"RABBITMQ_HOST\": \"home-broker\"}");
        Files.writeString(etc.resolve("amqp.json"), "{\"RABBITMQ_HOST\": \"etc-broker\", \"RABBITMQ_PORT\": \"2222\"}");
        AmqpSettings s = AmqpSettings.load(new ConfigLocator(null, Map.of("HOME", home.toString()), etc), Map.of());
        assertEquals("home-broker", s.host());
        assertEquals(5672, s.port());
        assertEquals(Optional.of(home.resolve("edeposit/amqp.json")), s.raw().source());
    }

    @Test
    void portAcceptsNumberOrNumericString() throws IOException {
        assertEquals(5673, loadConfig("{\"RABBITMQ_PORT\": 5673}", Map.of()).port());
        assertEquals(2222, loadConfig("{\"RABBITMQ_HOST\": \"localhost\", \"RABBITMQ_PORT\": \"2222\"}", Map.of()).port());
    }

    @Test
    void rejectsListForPortWithFileAndKeyInMessage() throws IOException {
        Path file = writeConfig("{\"RABBITMQ_PORT\": [5672]}");
        ConfigException e = assertThrows(ConfigException.class, () -> loadConfig("{\"RABBITMQ_PORT\": [5672]}", Map.of()));
        assertEquals(file + " (or EDEPOSIT_RABBITMQ_PORT): RABBITMQ_PORT must be a port number from 1 to 65535, not a list", e.getMessage());
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        AmqpSettings s = loadConfig("{\"RABBITMQ_HOST\": \"file\"}",
                Map.of("EDEPOSIT_RABBITMQ_HOST", "env-broker", "EDEPOSIT_RABBITMQ_PORT", "5999",
                        "EDEPOSIT_RABBITMQ_MX2MODS_EXCHANGE", "mods"));
        assertEquals("env-broker", s.host());
        assertEquals(5999, s.port());
        assertEquals("mods", s.host("marcxml2mods").exchange());
    }

    @Test
    void badPortInEnvironmentNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> AmqpSettings.load(
                new ConfigLocator(null, Map.of(), tmp), Map.of("EDEPOSIT_RABBITMQ_PORT", "abc")));
        assertEquals("EDEPOSIT_RABBITMQ_PORT: must be a port number from 1 to 65535, not \"abc\"", e.getMessage());
    }

    @Test
    void duplicateQueueNameInFileIsRejectedNamingHostAndQueue() throws IOException {
        Path file = writeConfig("{\"RABBITMQ_FTP_OUTPUT_QUEUE\": \"daemon\"}");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loadConfig("{\"RABBITMQ_FTP_OUTPUT_QUEUE\": \"daemon\"}", Map.of()));
        assertTrue(e.getMessage().startsWith(file + ": host 'ftp' uses queue 'daemon' as both RABBITMQ_FTP_INPUT_QUEUE"
                + " and RABBITMQ_FTP_OUTPUT_QUEUE"), e.getMessage());
    }

    @Test
    void duplicateQueueNameFromEnvironmentNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> AmqpSettings.load(
                new ConfigLocator(null, Map.of(), tmp), Map.of("EDEPOSIT_RABBITMQ_DOWNER_INPUT_QUEUE", "plone")));
        assertTrue(e.getMessage().startsWith("EDEPOSIT_RABBITMQ_DOWNER_INPUT_QUEUE: host 'downloader' uses queue 'plone'"),
                e.getMessage());
    }

    @Test
    void settingsPathAndAlephExceptionKeyAreAcceptedWithoutEffect() throws IOException {
        AmqpSettings s = loadConfig("{\"SETTINGS_PATH\": \"/other/amqp.json\", \"RABBITMQ_ALEPH_EXCEPTION_KEY\": \"x\"}", Map.of());
        assertEquals(List.of(), s.raw().warnings());
        assertEquals(Optional.of(tmp.resolve("cfg/amqp.json")), s.raw().source());
    }

    @Test
    void integralNumberForAStringSettingBecomesText() throws IOException {
        assertEquals("1234", loadConfig("{\"RABBITMQ_USER_NAME\": 1234}", Map.of()).userName());
    }

    @Test
    void unknownKeyIsListedAsWarning() throws IOException {
        AmqpSettings s = loadConfig("{\"RABBITMQ_VHOST\": \"x\"}", Map.of());
        assertEquals(List.of("Ignoring unknown setting 'RABBITMQ_VHOST' in " + tmp.resolve("cfg/amqp.json")), s.raw().warnings());
    }

    @Test
    void passwordNeverAppearsInToString() throws IOException {
        AmqpSettings s = loadConfig("{\"RABBITMQ_USER_PASSWORD\": \"" + SECRET + "\"}", Map.of());
        assertEquals(SECRET, s.password());
        assertFalse(s.toString().contains(SECRET), s.toString());
        assertFalse(s.raw().toString().contains(SECRET), s.raw().toString());
        assertTrue(s.toString().contains("password=****"), s.toString());
        assertTrue(s.raw().toString().contains("RABBITMQ_USER_PASSWORD=****"), s.raw().toString());
    }

    @Test
    void wrongPasswordValuesAreReportedWithoutTheirContent() throws IOException {
        Path file = writeConfig("{}");
        assertEquals(file + " (or EDEPOSIT_RABBITMQ_USER_PASSWORD): RABBITMQ_USER_PASSWORD must be a string (or a whole number), not a list",
                passwordFailure("[\"" + SECRET + "\"]"));
        assertEquals(file + " (or EDEPOSIT_RABBITMQ_USER_PASSWORD): RABBITMQ_USER_PASSWORD must be a string (or a whole number), not a decimal number",
                passwordFailure("3.14159"));
        assertEquals(file + " (or EDEPOSIT_RABBITMQ_USER_PASSWORD): RABBITMQ_USER_PASSWORD must be a string (or a whole number), not a boolean",
                passwordFailure("true"));
        assertEquals(file + " (or EDEPOSIT_RABBITMQ_USER_PASSWORD): RABBITMQ_USER_PASSWORD must be a string (or a whole number), not an object",
                passwordFailure("{\"p\": \"" + SECRET + "\"}"));
        assertFalse(passwordFailure("3.14159").contains("3.14"));
    }

    @Test
    void unquotedPasswordInInvalidJsonIsNotEchoed() throws IOException {
        String message = passwordFailure(SECRET);
        assertTrue(message.contains("invalid JSON at line 1"), message);
        assertFalse(message.contains(SECRET), message);
        assertFalse(passwordFailure("'" + SECRET + "'").contains(SECRET));
        assertFalse(passwordFailure("\"" + SECRET + "\" \"x\"").contains(SECRET));
    }

    private String passwordFailure(String jsonValue) throws IOException {
        String json = "{\"RABBITMQ_USER_PASSWORD\": " + jsonValue + "}";
        writeConfig(json);
        return assertThrows(ConfigException.class, () -> loadConfig(json, Map.of())).getMessage();
    }

    @Test
    void fromRejectsSettingsOfAnotherSchema() {
        Settings other = Settings.load(SettingsSchema.builder().string("X", "y").build(), "amqp.json",
                new ConfigLocator(null, Map.of(), tmp), Map.of());
        assertThrows(IllegalArgumentException.class, () -> AmqpSettings.from(other));
    }
}
