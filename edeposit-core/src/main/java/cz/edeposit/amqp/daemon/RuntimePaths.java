package cz.edeposit.amqp.daemon;

import java.nio.file.Path;
import java.util.Map;

/** Default places for PID and log files: system directories for root, per-user ones otherwise. */
final class RuntimePaths {

    private RuntimePaths() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Path defaultPidDir(Map<String, String> env) {
        if (isRoot()) {
            return Path.of("/run/edeposit");
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "edeposit");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "edeposit-" + System.getProperty("user.name"));
    }

    static Path defaultLogFile(Path pidDir, String daemonName) {
        if (isRoot()) {
            return Path.of("/var/log/edeposit", fileName(daemonName, "log"));
        }
        return pidDir.resolve(fileName(daemonName, "log"));
    }

    /** {@code edeposit-NAME.EXTENSION}: the PID, state, attempts and log files of one daemon. */
    static String fileName(String daemonName, String extension) {
        return "edeposit-" + daemonName + "." + extension;
    }
}
