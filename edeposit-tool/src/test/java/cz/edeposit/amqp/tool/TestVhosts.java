package cz.edeposit.amqp.tool;

import cz.edeposit.amqp.testing.Management;
import cz.edeposit.amqp.testing.TestBroker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test vhost names for all eleven hosts, one per real vhost (aleph and aleph_link_export share one, as
 * they share {@code aleph}), that nobody has created yet; {@link #close()} deletes whatever exists of them.
 * The real {@code ftp}, {@code aleph}... vhosts of the shared broker are never touched.
 */
final class TestVhosts implements AutoCloseable {

    /** A host as the tests expect it with default settings, in {@code --list} order. */
    record Host(String name, String prefix, String vhost, String exchange, String inputQueue) {
    }

    static final List<Host> HOSTS = List.of(
            new Host("ftp", "FTP", "ftp", "ftp", "daemon"),
            new Host("ltp", "LTP", "ltp", "ltp", "daemon"),
            new Host("harvester", "HARVESTER", "harvester", "harvester", "daemon"),
            new Host("storage", "STORAGE", "storage", "export", "daemon"),
            new Host("calibre", "CALIBRE", "calibre", "convert", "daemon"),
            new Host("antivirus", "ANTIVIRUS", "antivirus", "antivirus", "daemon"),
            new Host("marcxml2mods", "MX2MODS", "marcxml2mods", "export", "daemon"),
            new Host("pdfgen", "PDFGEN", "pdfgen", "pdfgen", "daemon"),
            new Host("aleph", "ALEPH", "aleph", "search", "daemon"),
            new Host("downloader", "DOWNER", "downloader", "downloader", "daemon"),
            new Host("aleph_link_export", "ALEPH_LINK_EXPORT", "aleph", "update-links", "updater"));

    private final TestBroker broker = TestBroker.get();
    private final Management management = new Management(broker);
    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<String> extra = new ArrayList<>();

    TestVhosts() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (Host host : HOSTS) {
            names.putIfAbsent(host.vhost(), "edeposit-test-" + run + "-" + host.vhost());
        }
    }

    /** The test vhost standing in for the real vhost {@code realVhost}. */
    String of(String realVhost) {
        return names.get(realVhost);
    }

    /** The test vhost of host {@code hostName}. */
    String ofHost(String hostName) {
        return of(HOSTS.stream().filter(h -> h.name().equals(hostName)).findFirst().orElseThrow().vhost());
    }

    /** A further unique vhost name, deleted on close too. */
    String another(String label) {
        String name = "edeposit-test-" + UUID.randomUUID().toString().substring(0, 8) + "-" + label;
        extra.add(name);
        return name;
    }

    /** The settings overrides: the test broker, and every host moved into its test vhost. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("EDEPOSIT_RABBITMQ_HOST", broker.host());
        env.put("EDEPOSIT_RABBITMQ_PORT", Integer.toString(broker.port()));
        env.put("EDEPOSIT_RABBITMQ_USER_NAME", broker.user());
        env.put("EDEPOSIT_RABBITMQ_USER_PASSWORD", broker.password());
        for (Host host : HOSTS) {
            env.put("EDEPOSIT_RABBITMQ_" + host.prefix() + "_VIRTUALHOST", of(host.vhost()));
        }
        return env;
    }

    /** The same settings with the management API's URL for the tool. */
    List<String> managementArgs() {
        return List.of("--management-url", broker.managementUri().toString());
    }

    @Override
    public void close() {
        names.values().forEach(management::deleteVhost);
        extra.forEach(management::deleteVhost);
    }
}
