package cz.edeposit.amqp.harvester;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code edeposit-harvester --harvest | --unittest | --dry-run [--config-dir DIR]}: one run from a timer, not a
 * daemon (host {@code harvester}, docs/harvester.md). Exit 0; 75 when a source failed or another run holds the lock;
 * 1 when the message was not delivered or the self-test failed; 78 for bad settings or sources; 64 for a bad
 * command line.
 */
public final class HarvesterCommand {

    static final int USAGE = 64;
    static final int CONFIG = 78;
    static final String LOCK_FILE = "harvester.lock";
    private static final Path SYSTEM_DIR = Path.of("/etc/edeposit");

    private HarvesterCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        HarvesterRun.Mode mode = null;
        Path configDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--harvest")) {
                mode = HarvesterRun.Mode.HARVEST;
            } else if (args[i].equals("--unittest")) {
                mode = HarvesterRun.Mode.UNITTEST;
            } else if (args[i].equals("--dry-run")) {
                mode = HarvesterRun.Mode.DRY_RUN;
            } else if (args[i].equals("--config-dir") && i + 1 < args.length) {
                configDir = Path.of(args[++i]);
            } else {
                mode = null;
                break;
            }
        }
        if (mode == null) {
            err.println("usage: edeposit-harvester --harvest | --unittest | --dry-run [--config-dir DIR]");
            return USAGE;
        }
        HarvesterSettings settings;
        List<HarvesterSource> sources;
        AmqpSettings amqp;
        try {
            ConfigLocator locator = new ConfigLocator(configDir, env, SYSTEM_DIR);
            amqp = mode == HarvesterRun.Mode.DRY_RUN ? null : AmqpSettings.load(locator, env);
            settings = HarvesterSettings.load(new DaemonEnvironment(locator, env, amqp, 1));
            sources = HarvesterSources.read(settings.sourcesFile());
            if (amqp == null && settings.useAlephFilter()) {
                // A dry run publishes nothing, but with USE_ALEPH_FILTER it asks the aleph daemon as a run does.
                amqp = AmqpSettings.load(locator, env);
            }
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CONFIG;
        }
        try {
            Files.createDirectories(settings.stateDir());
            try (FileChannel channel = FileChannel.open(settings.stateDir().resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    err.println("another edeposit-harvester run holds " + settings.stateDir().resolve(LOCK_FILE)
                            + "; this run does nothing");
                    return HarvesterRun.PARTLY;
                }
                if (!settings.useAlephFilter() || mode == HarvesterRun.Mode.UNITTEST) {
                    return new HarvesterRun(settings, sources, new HarvesterPublisher(amqp), out, null).run(mode);
                }
                try (AlephCatalogue catalogue = new AlephCatalogue(amqp, settings.alephFilterTimeout())) {
                    AlephFilter aleph = new AlephFilter(catalogue, settings.alephFilterByAuthor());
                    return new HarvesterRun(settings, sources, new HarvesterPublisher(amqp), out, aleph).run(mode);
                }
            }
        } catch (IOException e) {
            err.println("edeposit-harvester: " + e.getMessage());
            return HarvesterRun.PARTLY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HarvesterRun.PARTLY;
        } catch (RuntimeException e) {
            // A broker that cannot be reached: the books were not delivered, and nothing was remembered.
            err.println("edeposit-harvester: " + e.getMessage());
            return HarvesterRun.NOT_DELIVERED;
        }
    }
}
