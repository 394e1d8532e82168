package cz.edeposit.amqp.calibre;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bubblewrap ({@code bwrap}) command that runs ebook-convert where it sees nothing but the
 * system's programs and fonts, read-only, and its work directory: no network, no other process,
 * not {@code /etc/edeposit}, {@code /home}, {@code /root} or {@code /var}. A document that makes
 * calibre read a local file ({@code file:///etc/edeposit/amqp.json}) then finds nothing there.
 */
final class Sandbox {

    /**
     * The user and group the converter runs as, in a user namespace of its own: never root, so
     * Chromium (PDF output) keeps its own sandbox too.
     */
    static final String ID = "1000";

    /** The top-level names that are, or link into, {@code /usr}; a merged-/usr system has them as links. */
    private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** Read-only files of /etc calibre needs: the fonts' configuration and the dynamic linker's cache. */
    private static final List<String> ETC_FILES = List.of("/etc/fonts", "/etc/ld.so.cache");

    private final Path bwrap;
    private final Path program;

    /**
     * @param bwrap   bubblewrap's {@code bwrap}
     * @param program the converter; its directory is bound read-only when it is outside {@code /usr}
     */
    Sandbox(Path bwrap, Path program) {
        this.bwrap = bwrap;
        this.program = program;
    }

    /** {@code command} wrapped in the sandbox, with {@code dir} as its only writable directory. */
    List<String> wrap(WorkDir dir, List<String> command) throws IOException {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--unshare-user", "--uid", ID, "--gid", ID,
                "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--ro-bind", "/usr", "/usr"));
        for (String name : SYSTEM_DIRS) {
            Path path = Path.of(name);
            if (Files.isSymbolicLink(path)) {
                args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), name));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                args.addAll(List.of("--ro-bind", name, name));
            }
        }
        for (String name : ETC_FILES) {
            args.addAll(List.of("--ro-bind-try", name, name));
        }
        // A fresh /tmp in memory (TMPDIR points into the work directory, so calibre writes there).
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        Path programDir = program.toRealPath().getParent();
        if (programDir != null && programDir.getParent() != null && !programDir.startsWith("/usr")) {
            args.addAll(List.of("--ro-bind", programDir.toString(), programDir.toString()));
        }
        String work = dir.path().toString();
        args.addAll(List.of("--bind", work, work, "--chdir", work, "--"));
        args.addAll(command);
        return args;
    }
}
