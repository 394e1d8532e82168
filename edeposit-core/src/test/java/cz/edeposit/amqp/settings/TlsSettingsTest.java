package cz.edeposit.amqp.settings;

import cz.edeposit.amqp.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java-only TLS keys of amqp.json, and the warning about a readable file that holds a password. */
class TlsSettingsTest {

    private static final String SECRET = "keystore-secret-42";

    @TempDir
    Path dir;

    private AmqpSettings load(Map<String, String> env) {
        return AmqpSettings.load(new ConfigLocator(dir, env, dir), env);
    }

    private Map<String, String> tlsEnv() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "not checked here");
        Files.writeString(dir.resolve("client.p12"), "not checked here");
        Map<String, String> env = new HashMap<>();
        env.put("EDEPOSIT_RABBITMQ_USE_TLS", "true");
        env.put("EDEPOSIT_RABBITMQ_TLS_CA_FILE", dir.resolve("ca.pem").toString());
        env.put("EDEPOSIT_RABBITMQ_TLS_KEYSTORE", dir.resolve("client.p12").toString());
        env.put("EDEPOSIT_RABBITMQ_TLS_KEYSTORE_PASSWORD", SECRET);
        return env;
    }

    @Test
    void tlsIsOffByDefaultWithHostnameVerificationReadyAndThePlainPort() {
        AmqpSettings settings = load(Map.of());
        assertEquals(new TlsSettings(false, Optional.empty(), Optional.empty(), "", true), settings.tls());
        assertEquals(5672, settings.port());
    }

    @Test
    void tlsMovesTheDefaultPortTo5671ButNotAnExplicitOne() throws Exception {
        Map<String, String> env = tlsEnv();
        AmqpSettings settings = load(env);
        assertTrue(settings.tls().enabled());
        assertEquals(Optional.of(dir.resolve("ca.pem")), settings.tls().caFile());
        assertEquals(5671, settings.port());
        env.put("EDEPOSIT_RABBITMQ_PORT", "5672");
        assertEquals(5672, load(env).port());
    }

    @Test
    void theKeystorePasswordNeverShows() throws Exception {
        AmqpSettings settings = load(tlsEnv());
        assertFalse(settings.toString().contains(SECRET), settings.toString());
        assertFalse(settings.raw().toString().contains(SECRET), settings.raw().toString());
        assertTrue(settings.toString().contains("keystorePassword=****"), settings.toString());
    }

    @Test
    void aMissingCaFileIsAConfigErrorNamingTheKeyAndWhereItWasSet() throws Exception {
        Map<String, String> env = tlsEnv();
        env.put("EDEPOSIT_RABBITMQ_TLS_CA_FILE", dir.resolve("nope.pem").toString());
        ConfigException error = assertThrows(ConfigException.class, () -> load(env));
        assertTrue(error.getMessage().startsWith("EDEPOSIT_RABBITMQ_TLS_CA_FILE: RABBITMQ_TLS_CA_FILE names "),
                error.getMessage());
        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
    }

    @Test
    void aPasswordFileReadableByOthersIsWarnedAboutByName() throws Exception {
        Path file = dir.resolve("amqp.json");
        Files.writeString(file, "{\"RABBITMQ_USER_PASSWORD\": \"s3cret\"}");
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            load(Map.of());
            assertEquals(1, log.messages().size(), log.messages().toString());
            String warning = log.messages().get(0);
            assertTrue(warning.startsWith(file + " holds a password (RABBITMQ_USER_PASSWORD) and is readable by"
                    + " other users (rw-r--r--); restrict it with: chmod o-rwx " + file
                    + " (the daemons read it through its group: mode 0640, owner root, group edeposit, as docs/operations.md installs it)"), warning);
            assertFalse(warning.contains("s3cret"), warning);

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            load(Map.of());
            assertEquals(1, log.messages().size(), "no warning for mode 600: " + log.messages());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            load(Map.of());
            assertEquals(1, log.messages().size(), "no warning for mode 640, the documented one: " + log.messages());
        }
    }

    @Test
    void aReadableFileWithoutAPasswordIsFine() throws Exception {
        Path file = dir.resolve("amqp.json");
        Files.writeString(file, "{\"RABBITMQ_HOST\": \"broker\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (LogCapture log = new LogCapture(FilePermissions.class)) {
            load(Map.of());
            assertEquals(0, log.messages().size(), log.messages().toString());
        }
    }
}
