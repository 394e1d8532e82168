package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.broker.Backoff;
import cz.edeposit.amqp.codec.NtCodec;
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
final class FtpMonitorRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FtpMonitorRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final FtpMonitorSettings settings;
    private final FtpMonitorAmqpPublisher publisher;
    private volatile boolean stopping;

    FtpMonitorRunner(FtpMonitorSettings settings, AmqpSettings amqp) {
        this.settings = settings;
        HostSettings host = amqp.host("ftp");
        this.publisher = new FtpMonitorAmqpPublisher(amqp, host,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                "edeposit-ftp-monitord pid " + ProcessHandle.current().pid());
    }

    /** Asks the loop to end after the line in hand. */
    void stop() {
        stopping = true;
    }

    /** Runs until {@link #stop()}; returns normally then. */
    void run() throws IOException, InterruptedException {
        FtpSettings ftp = settings.ftp();
        Files.createDirectories(settings.stateFile().toAbsolutePath().getParent());
        FtpMonitorState state = FtpMonitorState.load(settings.stateFile());
        FtpHomes homes = new FtpHomes(ftp.dataPath(), ftp.lockFilename(),
                FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(ftp.proftpdUser()),
                ftp.usersGid());
        publisher.connect();
        FtpMonitorImport imports = new FtpMonitorImport(settings, publisher, new NtCodec(FtpMonitorMessages.TYPES), homes);
        FtpMonitorFollower follower = new FtpMonitorFollower(settings, imports, state);
        try (FtpMonitorLogReader reader = new FtpMonitorLogReader(ftp.logFile(), state.position())) {
            LOG.info("edeposit-ftp-monitord started with pid {}, following {} from offset {}", ProcessHandle.current().pid(),
                    ftp.logFile(), state.position().offset());
            while (!stopping) {
                if (follower.poll(reader) == 0) {
                    Thread.sleep(POLL.toMillis());
                }
            }
        } finally {
            publisher.close();
        }
        LOG.info("edeposit-ftp-monitord stopped at offset {} of {}", follower.state().position().offset(), ftp.logFile());
    }
}
