package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.metrics.DaemonCounters;
import cz.edeposit.amqp.metrics.DaemonCounters.Counter;

/**
 * The ftp monitor's own counters in its {@code /metrics} (docs/monitoring.md, "Metrics and health"), and the only place their
 * names are written; each is {@code NAME_total{daemon="ftp-monitor"}} there.
 */
record FtpMonitorMetrics(Counter linesRead, Counter linesRefused, Counter imports, Counter published) {

    static final String LINES_READ = "edeposit_ftp_log_lines_read";
    static final String LINES_REFUSED = "edeposit_ftp_log_lines_refused";
    static final String IMPORTS = "edeposit_ftp_imports";
    static final String PUBLISHED = "edeposit_ftp_messages_published";

    /** Counting to nothing, until {@link FtpMonitorRunner#countTo} says where. */
    static final FtpMonitorMetrics NONE = of(DaemonCounters.NONE);

    static FtpMonitorMetrics of(DaemonCounters counters) {
        return new FtpMonitorMetrics(
                counters.counter(LINES_READ, "ExtendedLog lines read (again after a restart, from the saved position)"),
                counters.counter(LINES_REFUSED, "ExtendedLog lines refused as not 'path, user, COMMAND, time'"),
                counters.counter(IMPORTS, "Imports started by a deletion of the lock file"),
                counters.counter(PUBLISHED, "ImportRequests published to the portal and confirmed by the broker (a large import is several)"));
    }
}
