package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.ftp.FtpMonitorPairing.Planned;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FtpMonitorPairingTest {

    private static final FtpUserSwitches ALL = FtpUserSwitches.ALL_ON;

    private static FtpUserSwitches only(boolean sameName, boolean sameDir, boolean isbn) {
        return new FtpUserSwitches(sameName, sameDir, isbn, true, true);
    }

    @Test
    void aDirectoryOfTwoFilesIsOnePairWhenSameDirPairingIsOn() {
        List<String> files = List.of("a/meta.json", "a/book.epub");
        assertEquals(List.of(new Planned("a/meta.json", "a/book.epub")), FtpMonitorPairing.plan(files, ALL).items());
        assertEquals(List.of(new Planned(null, "a/book.epub"), new Planned("a/meta.json", null)),
                FtpMonitorPairing.plan(files, only(true, false, true)).items());
    }

    @Test
    void twoMetadataFilesOrTwoEbooksAreNoPair() {
        assertEquals(List.of(new Planned("x.csv", null), new Planned("y.json", null)),
                FtpMonitorPairing.plan(List.of("x.csv", "y.json"), ALL).items());
        assertEquals(List.of(new Planned(null, "b.pdf"), new Planned(null, "b.epub")).size(),
                FtpMonitorPairing.plan(List.of("b.pdf", "b.epub"), ALL).items().size());
    }

    @Test
    void sameNamesPairInOneDirectoryAndThreeWithOneNameAreAnError() {
        List<String> files = List.of("s/book, 2.epub", "s/book, 2.xml", "s/other.pdf", "t/x.pdf", "t/x.json", "t/x.yaml");
        FtpMonitorPairing.Plan plan = FtpMonitorPairing.plan(files, ALL);
        assertEquals(List.of(new Planned("s/book, 2.xml", "s/book, 2.epub"), new Planned(null, "s/other.pdf")), plan.items());
        assertEquals(List.of("t/x.json", "t/x.pdf", "t/x.yaml"), plan.rejected());
        assertEquals(List.of("Too many files with the same name: t/x.json, t/x.pdf, t/x.yaml"), plan.errors());
        FtpMonitorPairing.Plan off = FtpMonitorPairing.plan(files, only(false, false, false));
        assertEquals(6, off.items().size());
        assertEquals(List.of(), off.rejected());
    }

    @Test
    void aMetadataFileNamedByAValidIsbnTakesTheEbookOfThatNameAnywhere() {
        List<String> files = List.of("meta/80-7422-502-X.json", "meta/note.txt", "meta/other.csv",
                "books/80-7422-502-X.pdf", "books/a.pdf", "books/b.pdf");
        assertEquals(List.of(new Planned(null, "books/a.pdf"), new Planned(null, "books/b.pdf"),
                        new Planned("meta/80-7422-502-X.json", "books/80-7422-502-X.pdf"),
                        new Planned(null, "meta/note.txt"), new Planned("meta/other.csv", null)),
                FtpMonitorPairing.plan(files, ALL).items());
        assertEquals(6, FtpMonitorPairing.plan(files, only(true, true, false)).items().size());
        // An invalid ISBN pairs nothing.
        assertEquals(4, FtpMonitorPairing.plan(List.of("m/80-7422-502-1.json", "m/z.csv", "m/q.csv", "b/80-7422-502-1.pdf"),
                ALL).items().size());
    }
}
