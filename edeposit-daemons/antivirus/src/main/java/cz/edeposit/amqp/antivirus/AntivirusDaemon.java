package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;

/**
 * {@code edeposit-antivirusd}: scans uploaded files with ClamAV's clamd and updates its signature
 * database, serving the {@code antivirus} host (docs/antivirus.md).
 */
public final class AntivirusDaemon {

    public static final DaemonSpec SPEC = new DaemonSpec("antivirus", "edeposit-antivirusd",
            "Scans files for malware with ClamAV (clamd) and updates its signature database.",
            "antivirus", AntivirusMessages.REQUESTS, AntivirusHandler::create, AntivirusDaemon.class);

    private AntivirusDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
