package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code edeposit-ftp-monitord}: imports what publishers upload over FTP and sends it to the portal (host
 * {@code ftp}, docs/ftp.md); a producer, it consumes nothing. {@code -n/--filename FILE} follows FILE instead of
 * {@code LOG_FILE}.
 */
public final class FtpMonitorDaemon {

    public static final DaemonSpec SPEC = DaemonSpec.producer("ftp-monitor", "edeposit-ftp-monitord",
            "Imports the publishers' FTP uploads from ProFTPD's ExtendedLog and sends them to the portal"
                    + " (-n/--filename FILE: follow FILE instead of LOG_FILE).",
            "ftp", FtpMonitorRunner::create, FtpMonitorDaemon.class);

    private FtpMonitorDaemon() {
    }

    public static void main(String[] args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        System.exit(DaemonCli.run(SPEC, env, FtpMonitorFilenameOption.extract(args, env)));
    }
}
