package cz.edeposit.amqp.downloader;

import cz.edeposit.amqp.daemon.DaemonEnvironment;
import cz.edeposit.amqp.settings.ConfigLocator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for tests that serve on loopback, read through the schema like the daemon's: they set
 * {@code DOWNLOADER_ALLOW_NETWORKS} to {@code 127.0.0.0/8, ::1/128}, which the default deny list
 * would refuse, and whatever other keys a test gives.
 */
final class LoopbackSettings {

    static final String LOOPBACK = "127.0.0.0/8, ::1/128";

    private LoopbackSettings() {
    }

    /** {@code keys} (without {@code EDEPOSIT_}) over the defaults, loopback allowed unless a key says otherwise. */
    static DownloaderSettings load(Map<String, String> keys) {
        Map<String, String> env = new HashMap<>();
        env.put("EDEPOSIT_" + DownloaderSettings.ALLOW_NETWORKS, LOOPBACK);
        keys.forEach((key, value) -> env.put("EDEPOSIT_" + key, value));
        ConfigLocator nowhere = new ConfigLocator(null, env, Path.of("/nonexistent/edeposit-downloader-test"));
        return DownloaderSettings.load(new DaemonEnvironment(nowhere, env, null, 1));
    }
}
