package cz.edeposit.amqp.ftp;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/** {@code edeposit-ftp-managerd}: manages the ProFTPD accounts of publishers for AMQP clients (host {@code ftp}, docs/ftp.md). */
public final class FtpManagerDaemon {

    /** The largest request is an AddUser or ChangePassword: a name of 64 characters and a password of at most 1024. */
    public static final long MAX_REQUEST_BYTES = 64L << 10;

    public static final DaemonSpec SPEC = new DaemonSpec("ftp-manager", "edeposit-ftp-managerd",
            "Manages the publishers' ProFTPD accounts: its passwd file, their homes and their import switches.",
            "ftp", () -> FtpManagerMessages.REQUESTS, FtpManagerHandler::create, FtpManagerDaemon.class, WorkKind.SHORT)
            .withMaxRequestBytes(MAX_REQUEST_BYTES);

    private FtpManagerDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
