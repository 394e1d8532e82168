package cz.edeposit.amqp.ftp;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FtpMonitorLogLineTest {

    @Test
    void aLineIsSplitFromTheRightSoThatAPathMayHoldCommas() {
        assertEquals(Optional.of(new FtpMonitorLogLine("/home/ftp/alice/sub, 2/book, 2.epub", "alice", "STOR", 1795722982L)),
                FtpMonitorLogLine.parse("/home/ftp/alice/sub, 2/book, 2.epub, alice, STOR, 1795722982"));
        assertEquals(Optional.of(new FtpMonitorLogLine("/home/ftp/alice/delete_me_to_import_files.txt", "alice", "DELE", 1L)),
                FtpMonitorLogLine.parse("/home/ftp/alice/delete_me_to_import_files.txt, alice, DELE, 1"));
        assertEquals("/home/ftp/bob/Kniha žluťoučká.pdf",
                FtpMonitorLogLine.parse("/home/ftp/bob/Kniha žluťoučká.pdf, bob, STOR, 2").orElseThrow().path());
    }

    @Test
    void hostileOrMalformedLinesAreRefused() {
        for (String line : new String[] {
            "",
            "garbage",
            "/home/ftp/a, alice, DELE",                         // a field missing
            "relative/path, alice, DELE, 1",                   // not absolute
            ", alice, DELE, 1",                                // no path
            "/home/ftp/a, ../x, DELE, 1",                      // a user name that is a path
            "/home/ftp/a, al ice, DELE, 1",
            "/home/ftp/a, alice, dele, 1",                     // not a command
            "/home/ftp/a, alice, DELE, -1",
            "/home/ftp/a, alice, DELE, 1x",
            "/home/ftp/a, alice, DELE, 12345678901234567890",
            "/home/ftp/a\r, alice, DELE, 1",                   // a control character
            "/home/ftp/" + "x".repeat(FtpMonitorLogLine.MAX_LENGTH) + ", alice, DELE, 1",
        }) {
            assertTrue(FtpMonitorLogLine.parse(line).isEmpty(), line);
        }
    }
}
