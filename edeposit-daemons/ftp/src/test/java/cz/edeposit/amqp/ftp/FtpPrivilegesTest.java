package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up check of the rights, on the text of /proc/PID/status. */
class FtpPrivilegesTest {

    private static String status(String uid, String capEff) {
        return "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t" + uid + "\nGid:\t0\t0\t0\t0\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t" + capEff + "\nCapEff:\t" + capEff + "\n";
    }

    @Test
    void rootWithTheFourCapabilitiesPasses() {
        assertNull(FtpPrivileges.MANAGER.missing(status("0\t0\t0\t0", "000001ffffffffff")));
        assertNull(FtpPrivileges.MANAGER.missing(status("0\t0\t0\t0", "000000000000002b")), "CAP_CHOWN, DAC_OVERRIDE, FOWNER, KILL");
    }

    @Test
    void anotherUserIsToldToStartItAsRoot() {
        String missing = FtpPrivileges.MANAGER.missing(status("1000\t1000\t1000\t1000", "0000000000000000"));
        assertTrue(missing.startsWith("it runs with uid 1000, and only root can write ProFTPD's passwd file"), missing);
    }

    @Test
    void rootWithoutCapabilitiesIsToldWhichAreMissing() {
        assertEquals("it runs as root without CAP_DAC_OVERRIDE, CAP_KILL (add them to CapabilityBoundingSet= of its unit)",
                FtpPrivileges.MANAGER.missing(status("0\t0\t0\t0", "0000000000000009")));
    }

    @Test
    void theMonitorNeedsChownDacOverrideAndFownerButNotKill() {
        assertNull(FtpPrivileges.MONITOR.missing(status("0\t0\t0\t0", "000000000000000b")));
        assertEquals("it runs as root without CAP_CHOWN (add them to CapabilityBoundingSet= of its unit)",
                FtpPrivileges.MONITOR.missing(status("0\t0\t0\t0", "000000000000002a")));
        assertTrue(FtpPrivileges.MONITOR.missing(status("1000\t1000\t1000\t1000", "0000000000000000"))
                .startsWith("it runs with uid 1000, and only root can lock and clean up the files FTP users own"));
    }

    @Test
    void theseTestsRunAsRootAsTheDaemonMust() {
        FtpPrivileges.MANAGER.require();
        FtpPrivileges.MONITOR.require();
    }
}
