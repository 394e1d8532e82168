package cz.edeposit.amqp.antivirus;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;
import cz.edeposit.amqp.rpc.RpcOptions;

/**
 * {@code edeposit-antivirusd}: scans uploaded files with ClamAV's clamd and updates its signature
 * database, serving the {@code antivirus} host (docs/antivirus.md).
 */
public final class AntivirusDaemon {

    /**
     * Requests carry whole files in base64, so the limit is the broker's own
     * ({@link RpcOptions#BROKER_MAX_MESSAGE_BYTES}); the launcher's heap is sized for it.
     */
    public static final DaemonSpec SPEC = new DaemonSpec("antivirus", "edeposit-antivirusd",
            "Scans files for malware with ClamAV (clamd) and updates its signature database.",
            "antivirus", () -> AntivirusMessages.REQUESTS, AntivirusHandler::create, AntivirusDaemon.class, WorkKind.LONG)
            .withMaxRequestBytes(RpcOptions.BROKER_MAX_MESSAGE_BYTES);

    private AntivirusDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
