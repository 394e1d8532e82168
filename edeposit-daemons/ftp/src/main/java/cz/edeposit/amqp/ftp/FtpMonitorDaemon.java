package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        System.exit(DaemonCli.run(SPEC, env, withoutFilename(args, env)));
    }

    /**
     * The arguments without {@code -n FILE}, {@code --filename FILE} or {@code --filename=FILE}, whose absolute
     * path goes into {@code env}: the environment reaches the background JVM of a start, as the core passes it on.
     */
    static String[] withoutFilename(String[] args, Map<String, String> env) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("-n") || arg.equals("--filename")) && i + 1 < args.length) {
                env.put(FtpMonitorRunner.LOG_FILE_VARIABLE, Path.of(args[++i]).toAbsolutePath().toString());
            } else if (arg.startsWith("--filename=")) {
                env.put(FtpMonitorRunner.LOG_FILE_VARIABLE, Path.of(arg.substring(11)).toAbsolutePath().toString());
            } else {
                rest.add(arg);
            }
        }
        return rest.toArray(String[]::new);
    }
}
