package cz.edeposit.amqp.ftp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ftp monitor's own option, {@code -n/--filename FILE} (the original's): taken out of the arguments before the
 * shared command line reads them, its absolute path put into the environment, which reaches the background JVM
 * of a start as the core passes it on.
 */
final class FtpMonitorFilenameOption {

    private FtpMonitorFilenameOption() {
    }

    /** The arguments without {@code -n FILE}, {@code --filename FILE} or {@code --filename=FILE}. */
    static String[] extract(String[] args, Map<String, String> env) {
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
