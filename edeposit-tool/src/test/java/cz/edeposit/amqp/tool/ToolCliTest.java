package cz.edeposit.amqp.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.edeposit.amqp.tool.Tool.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line without a broker: parsing, help, the original's messages and exit statuses. */
class ToolCliTest {

    private static final String HOSTS = "ftp\nltp\nharvester\nstorage\ncalibre\nantivirus\nmarcxml2mods\npdfgen\n"
            + "aleph\ndownloader\naleph_link_export\n";

    @TempDir
    Path dir;

    @Test
    void helpNamesEveryFlagAndExitsZero() {
        Run help = Tool.run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: edeposit-amqp-tool"), help.out());
        for (String flag : new String[] {"-l, --list", "-s, --host", "-c, --create", "-p, --put", "-g, --get",
                "-t, --timeout", "--idle-timeout", "--uuid", "--queue-type", "--dead-letter", "--extra-exchange",
                "--export-definitions", "--management-url", "--config-dir", "-h, --help", "-V, --version"}) {
            assertTrue(help.out().contains(flag), flag + " in " + help.out());
        }
        assertTrue(help.out().contains("AMQP tool used for debugging and automatic RabbitMQ schema making."));
        assertEquals("", help.err());
    }

    @Test
    void benchIsASubcommandWithItsOwnHelpAndUsageErrors() {
        Run help = Tool.run("--help");
        assertTrue(help.out().contains("bench"), help.out());
        Run benchHelp = Tool.run("bench", "--help");
        assertEquals(0, benchHelp.status(), benchHelp.err());
        assertTrue(benchHelp.out().startsWith("Usage: edeposit-amqp-tool bench"), benchHelp.out());
        assertTrue(benchHelp.out().contains("--request-file"), benchHelp.out());
        assertEquals(2, Tool.run("bench", "--no-such-option").status());
    }

    @Test
    void helpOfTheToolAndOfBenchIsByteForByteThePinnedText() throws Exception {
        // The whole texts, so that a change of picocli or of how it is built (edeposit-picocli,
        // docs/performance.md) cannot change what an operator reads unnoticed.
        assertEquals(new Run(0, pinned("tool-help.txt"), ""), Tool.run("--help"));
        assertEquals(new Run(0, pinned("bench-help.txt"), ""), Tool.run("bench", "--help"));
    }

    private static String pinned(String name) throws IOException {
        try (var in = ToolCliTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void versionComesFromTheSharedVersionProvider() {
        Run version = Tool.run("-V");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("edeposit-amqp "), version.out());
    }

    @Test
    void listPrintsAllElevenHostsInTheOriginalOrderWithAlephLinkExportLast() {
        assertEquals(new Run(0, HOSTS, ""), Tool.run("--list"));
        assertEquals(new Run(0, HOSTS, ""), Tool.run("-l", "--create", "--host", "ftp"), "--list wins, as in the original");
    }

    @Test
    void unknownHostIsAUsageErrorThatListsTheHosts() {
        Run unknown = Tool.run("--host", "plone", "--create");
        assertEquals(2, unknown.status());
        assertEquals("", unknown.out());
        assertTrue(unknown.err().contains("unknown host 'plone'"), unknown.err());
        for (String host : HOSTS.split("\n")) {
            assertTrue(unknown.err().contains(host), host + " in " + unknown.err());
        }
    }

    @Test
    void legacyHostNamesAreAliases() {
        Run downer = Tool.run("--host", "downer", "--export-definitions", "-");
        assertEquals(0, downer.status(), downer.err());
        assertTrue(downer.out().contains("\"vhost\" : \"downloader\""), downer.out());
        Run mx2mods = Tool.run("-s", "mx2mods", "--export-definitions", "-");
        assertTrue(mx2mods.out().contains("\"vhost\" : \"marcxml2mods\""), mx2mods.out());
    }

    @Test
    void actionsWithoutHostFailWithTheOriginalMessageNamingTheFirstAction() {
        assertEquals(new Run(1, "", "--host is required parameter to --create\n"), Tool.run("--create", "--get"));
        assertEquals(new Run(1, "", "--host is required parameter to --put\n"), Tool.run("--put", "x", "--get"));
        assertEquals(new Run(1, "", "--host is required parameter to --get\n"), Tool.run("-g"));
    }

    @Test
    void putAndGetRefuseAllHostsBeforeDoingAnything() {
        assertEquals(new Run(1, "", "Can't send to all hosts!\n"), Tool.run("--host", "all", "--create", "--put", "-"));
        assertEquals(new Run(1, "", "Can't receive all hosts!\n"), Tool.run("--host", "all", "--get"));
    }

    @Test
    void aMissingPutFileIsReportedWithTheOriginalText() {
        String missing = dir.resolve("missing.json").toString();
        Run run = Tool.run("--host", "ftp", "--put", missing);
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("Can't open '" + missing + "'!\n"), run.err());
        Run directory = Tool.run("--host", "ftp", "--put", dir.toString());
        assertTrue(directory.err().startsWith("Can't open '" + dir + "'!\n(it is a directory)"), directory.err());
    }

    @Test
    void statusRunsAloneAndJsonNeedsIt() {
        assertUsageError("--json needs --status", "--host", "ftp", "--get", "--json");
        assertUsageError("--status runs alone", "--host", "ftp", "--create", "--status");
        Run help = Tool.run("--help");
        assertTrue(help.out().contains("--status") && help.out().contains("--json"), help.out());
    }

    @Test
    void noActionIsAUsageError() {
        Run nothing = Tool.run("--host", "ftp");
        assertEquals(2, nothing.status());
        assertTrue(nothing.err().contains("nothing to do"), nothing.err());
    }

    @Test
    void optionsOutOfTheirContextAreUsageErrorsNamingTheValue() {
        assertUsageError("--uuid needs --put", "--host", "ftp", "--get", "--uuid", "x");
        assertUsageError("--idle-timeout needs --get", "--host", "ftp", "--create", "--idle-timeout", "3");
        assertUsageError("--idle-timeout must be at least 1 second, not 0", "--host", "ftp", "--get", "--idle-timeout", "0");
        assertUsageError("--timeout must be -1 (no timeout) or a number of seconds, not -2", "-s", "ftp", "-g", "-t", "-2");
        assertUsageError("--queue-type needs --create", "--host", "ftp", "--get", "--queue-type", "quorum");
        assertUsageError("--dead-letter needs --create", "--host", "ftp", "--put", "-", "--dead-letter");
        assertUsageError("--extra-exchange needs a single --host, not all", "-s", "all", "-c", "--extra-exchange", "count");
        assertUsageError("not 'amq.topic'", "-s", "aleph", "-c", "--extra-exchange", "amq.topic");
        assertUsageError("'count' is given twice", "-s", "aleph", "-c", "--extra-exchange", "count", "--extra-exchange", "count");
        assertUsageError("--management-url must be an http:// or https:// URL", "-s", "ftp", "-c", "--management-url", "ftp://x");
        assertUsageError("quorum", "-s", "ftp", "-c", "--queue-type", "mirrored");
        assertUsageError("--delivery-limit needs --dead-letter and --queue-type quorum", "-s", "ftp", "-c",
                "--dead-letter", "--delivery-limit", "3");
        assertUsageError("--delivery-limit must be at least 1, not 0", "-s", "ftp", "-c", "--dead-letter",
                "--queue-type", "quorum", "--delivery-limit", "0");
        assertUsageError("'search' is the exchange of host 'aleph' itself", "-s", "aleph", "-c", "--extra-exchange", "search");
    }

    @Test
    void negativeOneTimeoutIsAcceptedAsTheOriginalDefault() {
        Run run = Tool.run("-s", "ftp", "--export-definitions", "-", "-t", "-1");
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void aBrokenSettingsFileIsOneLineAndStatus78() throws Exception {
        Files.writeString(dir.resolve("amqp.json"), "{\"RABBITMQ_PORT\": ");
        Run run = Tool.run(Map.of(), "--config-dir", dir.toString(), "--host", "ftp", "--create");
        assertEquals(78, run.status());
        assertTrue(run.err().startsWith("edeposit-amqp-tool: error: "), run.err());
        assertTrue(run.err().contains("amqp.json"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void settingsComeFromEnvironmentOverrides() {
        Run run = Tool.run(Map.of("EDEPOSIT_RABBITMQ_FTP_EXCHANGE", "ftp-test", "EDEPOSIT_RABBITMQ_FTP_VIRTUALHOST", "v1"),
                "-s", "ftp", "--export-definitions", "-");
        assertTrue(run.out().contains("\"name\" : \"ftp-test\""), run.out());
        assertTrue(run.out().contains("\"vhost\" : \"v1\""), run.out());
    }

    @Test
    void exportedDefinitionsHoldEverySharedObjectOnce() throws Exception {
        Run run = Tool.run("--host", "all", "--export-definitions", "-");
        JsonNode definitions = new ObjectMapper().readTree(run.out());
        assertEquals(10, definitions.get("vhosts").size(), "aleph_link_export shares aleph");
        assertEquals(10, definitions.get("permissions").size());
        assertEquals(11, definitions.get("exchanges").size(), "storage and marcxml2mods each have an export exchange");
        assertEquals(21, definitions.get("queues").size(), "aleph: daemon, updater and one plone");
        assertEquals(22, definitions.get("bindings").size());
        assertEquals(0, definitions.get("policies").size());
        for (JsonNode queue : definitions.get("queues")) {
            assertEquals("{}", queue.get("arguments").toString(), "classic queues are declared without arguments");
        }
    }

    @Test
    void exportedDeadLetterPolicyCarriesTheDeliveryLimit() throws Exception {
        Run run = Tool.run("--host", "aleph_link_export", "--export-definitions", "-", "--queue-type", "quorum",
                "--dead-letter", "--delivery-limit", "3");
        JsonNode policies = new ObjectMapper().readTree(run.out()).get("policies");
        assertEquals("[{\"vhost\":\"aleph\",\"name\":\"edeposit-dead-letter-updater\",\"pattern\":\"^updater$\","
                + "\"apply-to\":\"queues\",\"definition\":{\"dead-letter-exchange\":\"updater.dead-letter\","
                + "\"delivery-limit\":3},\"priority\":0}]", policies.toString());
    }

    private static void assertUsageError(String expected, String... args) {
        Run run = Tool.run(args);
        assertEquals(2, run.status(), String.join(" ", args) + ": " + run.err());
        assertTrue(run.err().contains(expected), expected + " in " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
    }
}
