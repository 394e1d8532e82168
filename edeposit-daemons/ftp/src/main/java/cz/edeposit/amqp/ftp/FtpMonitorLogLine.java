package cz.edeposit.amqp.ftp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of ProFTPD's ExtendedLog in the {@code paths} format, {@code LogFormat paths "%f, %u, %m, %{%s}t"}:
 * {@code /home/ftp/alice/sub, dir/book.epub, alice, STOR, 1795722982}. The path may hold commas, so the line is
 * split from the right; the rest comes from an FTP client and is checked before it is believed.
 *
 * @param path    the absolute file-system path the command acted on
 * @param user    the account name
 * @param command the FTP command, upper case
 * @param epoch   the time of the command, in seconds since 1970
 */
record FtpMonitorLogLine(String path, String user, String command, long epoch) {

    /** Longer lines are refused: no sane path is that long (Linux's PATH_MAX is 4096). */
    static final int MAX_LENGTH = 8192;

    private static final String SEPARATOR = ", ";
    private static final Pattern COMMAND = Pattern.compile("[A-Z]{3,8}");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");

    /**
     * The line, or empty when it is not one the monitor can trust: too long, a control character (a path with a
     * line break would forge a second line), a relative path, a bad user name, command or time.
     */
    static Optional<FtpMonitorLogLine> parse(String line) {
        if (line.length() > MAX_LENGTH || line.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        int third = line.lastIndexOf(SEPARATOR);
        int second = third < 0 ? -1 : line.lastIndexOf(SEPARATOR, third - 1);
        int first = second < 0 ? -1 : line.lastIndexOf(SEPARATOR, second - 1);
        if (first <= 0) {
            return Optional.empty();
        }
        String path = line.substring(0, first);
        String user = line.substring(first + 2, second);
        String command = line.substring(second + 2, third);
        String epoch = line.substring(third + 2);
        if (!path.startsWith("/") || !COMMAND.matcher(command).matches() || !EPOCH.matcher(epoch).matches()
                || !validUser(user)) {
            return Optional.empty();
        }
        return Optional.of(new FtpMonitorLogLine(path, user, command, Long.parseLong(epoch)));
    }

    private static boolean validUser(String user) {
        try {
            FtpUserNames.check(user);
            return true;
        } catch (RuntimeException invalid) {
            return false;
        }
    }
}
