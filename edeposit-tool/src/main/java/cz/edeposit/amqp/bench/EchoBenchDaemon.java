package cz.edeposit.amqp.bench;

import cz.edeposit.amqp.daemon.DaemonCli;
import cz.edeposit.amqp.daemon.DaemonSpec;
import cz.edeposit.amqp.daemon.WorkKind;

/**
 * Target (1) of the benchmark: a real daemon (the shared command line, {@code RpcDaemon}, decode,
 * handle, encode, publish, confirm, ack) whose handler returns the decoded request. It serves the
 * {@code downloader} host settings, which the benchmark moves to its own exchange and queue.
 */
public final class EchoBenchDaemon {

    /** Its handler returns the request: all the cost is the framework's. */
    static final DaemonSpec SPEC = new DaemonSpec("echo-bench", "edeposit-echo-benchd",
            "Echo daemon of the request/response benchmark.", "downloader", () -> BenchEcho.TYPES,
            environment -> (request, context) -> request, EchoBenchDaemon.class, WorkKind.SHORT);

    private EchoBenchDaemon() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
