package cz.edeposit.amqp.calibre;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A shell script in the place of ebook-convert ({@code $1} input, {@code $2} output), for tests of
 * what the daemon does around the converter: time-outs, kills, limits, the child's environment.
 * The conversions themselves are tested against the real calibre in the {@code *IT} tests.
 */
final class StandIn {

    private StandIn() {
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** Settings for the stand-in without the sandbox, and with the default limit on the work directory. */
    static CalibreSettings settings(Path script, Duration timeout, long maxOutput, Path tempDir) {
        return new CalibreSettings(script, timeout, maxOutput, tempDir, CalibreSettings.DEFAULT_MAX_WORK, false,
                Path.of("/usr/bin/bwrap"));
    }
}
