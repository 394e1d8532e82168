package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.daemon.Producer;
import cz.edeposit.amqp.metrics.DaemonCounters;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The running monitor: connects to the broker, then follows the ExtendedLog from the saved position until
 * {@link #stop()}. A stop lets the import in hand finish (or, when its publish waits for the broker, leaves it
 * unpublished and undeleted for the next start).
 */
final class FtpMonitorRunner implements Producer {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final FtpMonitorSettings settings;
    private final FtpMonitorAmqpPublisher publisher;
    private volatile boolean stopping;
    private FtpMonitorMetrics metrics = FtpMonitorMetrics.NONE;

    FtpMonitorRunner(FtpMonitorSettings settings, AmqpSettings amqp) {
        this.settings = settings;
        HostSettings host = amqp.host("ftp");
        this.publisher = new FtpMonitorAmqpPublisher(amqp, host,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                "edeposit-ftp-monitord pid " + ProcessHandle.current().pid());
    }

    /** The environment variable that {@code -n/--filename} sets: the ExtendedLog to follow instead of LOG_FILE. */
    static final String LOG_FILE_VARIABLE = "EDEPOSIT_FTP_MONITOR_LOG_FILE";

    /**
     * The daemon's {@link cz.edeposit.amqp.daemon.ProducerFactory}: checks the rights, reads ftp.json (and the -n
     * override) and checks it against the machine ({@link FtpMonitorSetup}).
     */
    static FtpMonitorRunner create(DaemonEnvironment environment) {
        return new FtpMonitorRunner(FtpMonitorSetup.prepare(environment, environment.env().get(LOG_FILE_VARIABLE)),
                environment.amqp());
    }

    @Override
    public void countTo(DaemonCounters counters) {
        metrics = FtpMonitorMetrics.of(counters);
    }

    @Override
    public void stop() {
        stopping = true;
        publisher.stop();
    }

    /** Runs until {@link #stop()}; returns normally then. */
    void run() throws IOException, InterruptedException {
        run(() -> { });
    }

    @Override
    public void run(Runnable serving) throws IOException, InterruptedException {
        FtpSettings ftp = settings.ftp();
        Files.createDirectories(settings.stateFile().toAbsolutePath().getParent());
        FtpMonitorState state = FtpMonitorState.load(settings.stateFile());
        FtpHomes homes = new FtpHomes(ftp.dataPath(), ftp.lockFilename(),
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(ftp.proftpdUser()),
                ftp.usersGid());
        Backoff connecting = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        while (true) {
            try {
                publisher.connect();
                break;
            } catch (RuntimeException down) {
                Duration pause = connecting.next();
                LOG.warn("cannot reach the broker ({}); trying again in {} s", down.getMessage(), Backoff.seconds(pause));
                if (!pause(pause)) {
                    return;
                }
            }
        }
        FtpMonitorMetrics counted = metrics;
        FtpMonitorPublisher publishing = (body, messageId) -> {
            publisher.publish(body, messageId);
            counted.published().increment();
        };
        FtpMonitorImport imports = new FtpMonitorImport(settings, publishing, new NtCodec(FtpMonitorMessages.TYPES), homes);
        FtpMonitorFollower follower = new FtpMonitorFollower(settings, imports, state, counted);
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(ftp.logFile(), state.position())) {
            LOG.info("following {} from offset {}", ftp.logFile(), state.position().offset());
            serving.run();
            while (!stopping) {
                try {
                    if (follower.poll(reader) == 0 && !pause(POLL)) {
                        break;
                    }
                } catch (InterruptedException stopped) {
                    LOG.info("stopping with an import unpublished: its home stays locked and whole for the next start");
                    break;
                }
            }
        } finally {
            publisher.close();
        }
        LOG.info("stopped at offset {} of {}", follower.state().position().offset(), ftp.logFile());
    }

    /**
     * Sleeps in slices unless stopping; false when it should stop. No interrupt ever stops the loop: it would close
     * the log's and the state file's channels (NIO) half way.
     */
    private boolean pause(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (!stopping && System.nanoTime() < end) {
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        return !stopping;
    }
}
