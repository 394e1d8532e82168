package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigException;
import cz.edeposit.amqp.settings.ConfigLocator;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code edeposit-ftp-monitord}: imports what publishers upload over FTP and sends it to the portal (host
 * {@code ftp}, docs/ftp.md). A producer: it consumes nothing. Runs in the foreground ({@code start -f}), as its
 * systemd unit starts it; {@code -n/--filename FILE} follows FILE instead of {@code LOG_FILE}.
 */
public final class FtpMonitorDaemon {

    private static final String USAGE = "usage: edeposit-ftp-monitord [start] [-f|--foreground] [--config-dir DIR]"
            + " [-n|--filename LOG_FILE]";

    private FtpMonitorDaemon() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        Path configDir = null;
        Path logFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "start", "-f", "--foreground" -> { }
                case "--config-dir", "-n", "--filename" -> {
                    if (i + 1 >= args.length) {
                        System.err.println(args[i] + " needs a value; " + USAGE);
                        return 64;
                    }
                    Path value = Path.of(args[++i]);
                    if (args[i - 1].equals("--config-dir")) {
                        configDir = value;
                    } else {
                        logFile = value;
                    }
                }
                default -> {
                    System.err.println("unknown argument '" + args[i] + "'; " + USAGE);
                    return 64;
                }
            }
        }
        FtpMonitorRunner runner;
        try {
            ConfigLocator locator = new ConfigLocator(configDir, env, Path.of("/etc/edeposit"));
            AmqpSettings amqp = AmqpSettings.load(locator, env);
            FtpMonitorSettings settings = FtpMonitorSettings.load(new DaemonEnvironment(locator, env, amqp, 1));
            runner = new FtpMonitorRunner(logFile == null ? settings : settings.withLogFile(logFile), amqp);
        } catch (ConfigException bad) {
            System.err.println(bad.getMessage());
            return 78;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.stop(); // SIGTERM: the import in hand finishes first
            try {
                if (!done.await(60, TimeUnit.SECONDS)) {
                    main.interrupt(); // a publish waiting for the broker: nothing was deleted, the next start sends it
                    done.await(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "edeposit-ftp-monitord-stop"));
        try {
            runner.run();
            return 0;
        } catch (InterruptedException stopped) {
            return 0;
        } catch (Exception failure) {
            System.err.println("edeposit-ftp-monitord stops: " + failure.getMessage());
            org.slf4j.LoggerFactory.getLogger(FtpMonitorDaemon.class).error("edeposit-ftp-monitord stops", failure);
            return 1;
        } finally {
            done.countDown();
        }
    }
}
