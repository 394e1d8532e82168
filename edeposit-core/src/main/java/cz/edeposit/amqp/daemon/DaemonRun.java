package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.FaultPolicy;
import cz.edeposit.amqp.broker.RecoveryPolicy;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.ConfigLocator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a daemon's command line, checked and resolved: what {@link Lifecycle} does and how.
 * {@link DaemonCommand} builds it once; nothing after it reads the command line.
 *
 * @param action           the lifecycle action
 * @param foreground       run in this JVM (under systemd or supervisord) instead of as a background daemon
 * @param locator          where {@code amqp.json} and the module's settings file are read from
 * @param pidDir           the directory of the PID, state and attempts files
 * @param logFile          the log file of a background daemon
 * @param workers          requests handled at once, each on its own channel
 * @param prefetch         the --prefetch given: unacknowledged requests the broker may push to each
 *                         worker; null for each daemon's own ({@link #prefetchFor})
 * @param drainTimeout     on stop, how long requests in hand may take to finish
 * @param stopTimeout      how long stop and restart wait for the daemon to exit
 * @param startTimeout     how long a background start waits for the daemon to consume
 * @param recovery         what the daemon does about a broker it cannot reach or a connection it loses
 * @param faults           what the daemon does about requests that do not finish normally, with the
 *                         attempt counts in memory: the running daemon keeps them in {@link #attemptsDirectory}
 * @param heartbeatSeconds the AMQP heartbeat; 0 disables it
 * @param metricsPort      the TCP port of the metrics and health endpoint, or null when metrics are off
 * @param metricsAddress   the address that port listens on
 * @param givenOptions     the options as given, in long form, without the action and {@code -f}: a
 *                         background start passes them on to the daemon's JVM
 */
record DaemonRun(Action action, boolean foreground, ConfigLocator locator, Path pidDir, Path logFile,
                 int workers, Integer prefetch, Duration drainTimeout, Duration stopTimeout, Duration startTimeout,
                 RecoveryPolicy recovery, FaultPolicy faults, int heartbeatSeconds,
                 Integer metricsPort, String metricsAddress, List<String> givenOptions) {

    /**
     * The prefetch {@code daemon} runs with: the one given, else the daemon's own default. A suite runs several
     * daemons with one command line, so the default is each daemon's and not the command's.
     */
    int prefetchFor(DaemonSpec daemon) {
        return prefetch != null ? prefetch : daemon.defaultPrefetch();
    }

    /** The lifecycle actions; the names are the command line's words. */
    enum Action { start, stop, restart, status }

    /** How long {@code stop} and {@code restart} wait by default, in seconds. */
    static final int DEFAULT_STOP_SECONDS = 60;

    /** How long a background {@code start} waits by default, in seconds. */
    static final int DEFAULT_START_SECONDS = 60;

    /** Where the metrics port listens by default: this host only, as the metrics name the daemon's work. */
    static final String DEFAULT_METRICS_ADDRESS = "127.0.0.1";

    DaemonRun {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(pidDir, "pidDir");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(metricsAddress, "metricsAddress");
        givenOptions = List.copyOf(givenOptions);
    }

    /** The daemon's PID file, {@code edeposit-NAME.pid} in {@link #pidDir}. */
    PidFile pidFile(DaemonSpec spec) {
        return new PidFile(pidDir.resolve(RuntimePaths.fileName(spec.name(), "pid")), spec.mainClass().getName());
    }

    /** The daemon's state file, {@code edeposit-NAME.state} in {@link #pidDir}. */
    StateFile stateFile(DaemonSpec spec) {
        return new StateFile(pidDir.resolve(RuntimePaths.fileName(spec.name(), "state")));
    }

    /**
     * {@code edeposit-NAME.running} in {@link #pidDir}: written when the daemon starts and removed when
     * it stops in order, so finding it at start means the previous run was killed or crashed.
     */
    PidFile runMarker(DaemonSpec spec) {
        return new PidFile(pidDir.resolve(RuntimePaths.fileName(spec.name(), "running")), spec.mainClass().getName());
    }

    /**
     * {@code edeposit-NAME.attempts/} in {@link #pidDir}, where the running daemon keeps its attempt
     * counts (opening it prunes old ones, so only the daemon itself opens it, not status or stop).
     */
    Path attemptsDirectory(DaemonSpec spec) {
        return pidDir.resolve(RuntimePaths.fileName(spec.name(), "attempts"));
    }

    /**
     * The AMQP settings, read as {@link #locator} and the environment say; the daemon logs their
     * password-file warning itself once it started cleanly ({@link AmqpSettings#loadQuietly}).
     */
    AmqpSettings loadSettings(Map<String, String> env) {
        return AmqpSettings.loadQuietly(locator, env);
    }
}
