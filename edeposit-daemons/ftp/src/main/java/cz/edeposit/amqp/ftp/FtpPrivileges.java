package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.settings.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up check that a daemon of this module has the rights its work needs, on the text of
 * {@code /proc/self/status}. The manager: root (it owns ProFTPD's passwd file) with the capabilities to give homes to
 * PROFTPD_USER (CAP_CHOWN, CAP_FOWNER), to delete what FTP users made (CAP_DAC_OVERRIDE) and to signal ProFTPD
 * (CAP_KILL). The monitor: root with CAP_CHOWN, CAP_DAC_OVERRIDE and CAP_FOWNER (it locks and unlocks the files FTP
 * users own, deletes them, and gives the home, the lock file and the logs their owner and group).
 *
 * @param command the launcher's name, for the message
 * @param needed  capability bit numbers of linux/capability.h
 * @param why     what root is needed for, for a process of another uid
 */
record FtpPrivileges(String command, int[] needed, String why) {

    /** {@code edeposit-ftp-managerd}'s rights. */
    static final FtpPrivileges MANAGER = new FtpPrivileges("edeposit-ftp-managerd", new int[] {0, 1, 3, 5},
            "only root can write ProFTPD's passwd file and give the homes to PROFTPD_USER");

    /** {@code edeposit-ftp-monitord}'s rights. */
    static final FtpPrivileges MONITOR = new FtpPrivileges("edeposit-ftp-monitord", new int[] {0, 1, 3},
            "only root can lock and clean up the files FTP users own and give the homes back to PROFTPD_USER");

    private static final String[] NAMES = {"CAP_CHOWN", "CAP_DAC_OVERRIDE", "", "CAP_FOWNER", "", "CAP_KILL"};

    /** Checks this process; a {@link ConfigException} of one line (exit 78) says what to change. */
    void require() {
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new ConfigException(command + ": cannot read /proc/self/status to check that it runs as root: " + e);
        }
        String missing = missing(status);
        if (missing != null) {
            throw new ConfigException(command + " must run as root: " + missing);
        }
    }

    /** What the process of {@code status} (the text of /proc/PID/status) lacks, or null when nothing. */
    String missing(String status) {
        String uid = field(status, "Uid:");
        String[] ids = uid == null ? new String[0] : uid.trim().split("\\s+");
        if (ids.length < 2) {
            return "/proc/self/status has no Uid line";
        }
        if (!ids[1].equals("0")) {
            return "it runs with uid " + ids[1] + ", and " + why + " (start it as root: its systemd unit does)";
        }
        String capEff = field(status, "CapEff:");
        long caps = capEff == null ? 0 : Long.parseUnsignedLong(capEff.trim(), 16);
        List<String> lacking = new ArrayList<>();
        for (int bit : needed) {
            if ((caps & (1L << bit)) == 0) {
                lacking.add(NAMES[bit]);
            }
        }
        return lacking.isEmpty() ? null : "it runs as root without " + String.join(", ", lacking)
                + " (add them to CapabilityBoundingSet= of its unit)";
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length());
            }
        }
        return null;
    }
}
