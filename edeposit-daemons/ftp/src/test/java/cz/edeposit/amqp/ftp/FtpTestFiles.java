package cz.edeposit.amqp.ftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** File helpers of the ftp tests. */
public final class FtpTestFiles {

    private FtpTestFiles() {
    }

    /** Sets or clears the immutable attribute (chattr), which makes a rename over the file fail even for root. */
    static void immutable(Path file, boolean on) throws Exception {
        Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", file.toString()).redirectErrorStream(true).start();
        String out = new String(chattr.getInputStream().readAllBytes());
        if (chattr.waitFor() != 0) {
            throw new IllegalStateException("chattr " + (on ? "+i " : "-i ") + file + " failed (ext4 and root needed): " + out);
        }
    }

    /** The paths under {@code dir}, relative, sorted: what a request created or left. */
    public static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
