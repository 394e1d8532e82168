package cz.edeposit.amqp.calibre;

import cz.edeposit.amqp.testing.DaemonProcess;
import cz.edeposit.amqp.testing.TestVhost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daemon checks calibre when it starts, not on the first request. */
class CalibreStartupIT {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithOneLineWhenEbookConvertIsNotWhereConfigured() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("calibre")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_CALIBRE_EBOOK_CONVERT", dir.resolve("bin/ebook-convert").toString());
            DaemonProcess daemon = new DaemonProcess(CalibreDaemon.class, env, List.of(
                    "--config-dir", vhost.emptyConfigDir().toString(), "--pid-dir", dir.toString()));

            DaemonProcess.Result result = daemon.run("start", "--foreground");

            assertEquals(78, result.exitCode(), result::toString);
            assertEquals("edeposit-calibred: error: ebook-convert not found at " + dir.resolve("bin/ebook-convert")
                    + "; install Debian's calibre package (apt-get install calibre), or set CALIBRE_EBOOK_CONVERT in "
                    + "calibre.json (or EDEPOSIT_CALIBRE_EBOOK_CONVERT) to where ebook-convert is\n", result.err());
        }
    }

    @Test
    void refusesToStartWithOneLineWhenTheSandboxCannotBeMade() throws Exception {
        try (TestVhost vhost = TestVhost.withSchema("calibre")) {
            Map<String, String> env = new HashMap<>(vhost.env());
            env.put("EDEPOSIT_CALIBRE_BWRAP", "/bin/false");
            DaemonProcess daemon = new DaemonProcess(CalibreDaemon.class, env, List.of(
                    "--config-dir", vhost.emptyConfigDir().toString(), "--pid-dir", dir.toString()));

            DaemonProcess.Result result = daemon.run("start", "--foreground");

            assertEquals(78, result.exitCode(), result::toString);
            assertEquals("edeposit-calibred: error: the sandbox for ebook-convert could not be made (/bin/false exited "
                    + "with status 1: (no output)); allow unprivileged user namespaces (docs/calibre.md, \"The sandbox\"), "
                    + "or set CALIBRE_SANDBOX to false in calibre.json (or EDEPOSIT_CALIBRE_SANDBOX) to convert without "
                    + "it, which lets documents read this user's files\n", result.err());
        }
    }
}
