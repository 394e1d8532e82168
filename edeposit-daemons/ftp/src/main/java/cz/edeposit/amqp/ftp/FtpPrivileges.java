package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.settings.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up check that the daemon has the rights its work needs: root (it owns ProFTPD's passwd file) with the
 * capabilities to give homes to PROFTPD_USER (CAP_CHOWN, CAP_FOWNER), to delete what FTP users made
 * (CAP_DAC_OVERRIDE) and to signal ProFTPD (CAP_KILL).
 */
final class FtpPrivileges {

    /** Capability bit numbers of linux/capability.h, with their names. */
    private static final int[] NEEDED = {0, 1, 3, 5};
    private static final String[] NAMES = {"CAP_CHOWN", "CAP_DAC_OVERRIDE", "", "CAP_FOWNER", "", "CAP_KILL"};

    private FtpPrivileges() {
    }

    /** Checks this process. */
    static void require() {
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            throw new ConfigException("edeposit-ftp-managerd: cannot read /proc/self/status to check that it runs as root: " + e);
        }
        String missing = missing(status);
        if (missing != null) {
            throw new ConfigException("edeposit-ftp-managerd must run as root: " + missing);
        }
    }

    /** What the process of {@code status} (the text of /proc/PID/status) lacks, or null when nothing. */
    static String missing(String status) {
        String uid = field(status, "Uid:");
        String[] ids = uid == null ? new String[0] : uid.trim().split("\\s+");
        if (ids.length < 2) {
            return "/proc/self/status has no Uid line";
        }
        if (!ids[1].equals("0")) {
            return "it runs with uid " + ids[1] + ", and only root can write ProFTPD's passwd file and give the homes"
                    + " to PROFTPD_USER (start it as root: its systemd unit does)";
        }
        String capEff = field(status, "CapEff:");
        long caps = capEff == null ? 0 : Long.parseUnsignedLong(capEff.trim(), 16);
        List<String> lacking = new ArrayList<>();
        for (int bit : NEEDED) {
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
