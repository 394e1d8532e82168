package cz.edeposit.amqp.suite;

import cz.edeposit.amqp.aleph.AlephDaemon;
import cz.edeposit.amqp.alephlinkexport.AlephLinkExportDaemon;
import cz.edeposit.amqp.antivirus.AntivirusDaemon;
import cz.edeposit.amqp.calibre.CalibreDaemon;
import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.SuiteSpec;
import cz.edeposit.amqp.downloader.DownloaderDaemon;
import cz.edeposit.amqp.ftp.FtpManagerDaemon;
import cz.edeposit.amqp.ftp.FtpMonitorDaemon;
import cz.edeposit.amqp.ltp.LtpDaemon;
import cz.edeposit.amqp.marcxml2mods.Marcxml2modsDaemon;
import cz.edeposit.amqp.pdfgen.PdfgenDaemon;
import cz.edeposit.amqp.storage.StorageDaemon;

import java.util.List;

/**
 * {@code edeposit-suited}: runs the daemons that {@code --daemons} names in one JVM (docs/operations.md,
 * Suite mode). The registry is this explicit list of every daemon's {@code DaemonSpec}: the short
 * request/response daemons first, so that they serve before the long jobs' start-up checks run.
 */
public final class SuiteDaemon {

    public static final SuiteSpec SPEC = new SuiteSpec("suite", "edeposit-suited",
            "Runs several edeposit daemons in one JVM, each with its own connection, workers, settings and log name.",
            SuiteDaemon.class, List.of(AlephDaemon.SPEC, Marcxml2modsDaemon.SPEC, PdfgenDaemon.SPEC,
                    AlephLinkExportDaemon.SPEC, DownloaderDaemon.SPEC, StorageDaemon.SPEC, FtpManagerDaemon.SPEC,
                    FtpMonitorDaemon.SPEC, AntivirusDaemon.SPEC, CalibreDaemon.SPEC, LtpDaemon.SPEC));

    private SuiteDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
