package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.testing.EchoDaemon;

import java.util.List;

/**
 * A suite of the test sources (never shipped): the echo daemon on the downloader host, and a second
 * echo daemon on the aleph host whose handler throws an {@link OutOfMemoryError} for {@code Echo("oom")},
 * as a handler that ran out of a shared heap would.
 */
public final class EchoSuite {

    /** What makes the second daemon's handler throw. */
    static final String OOM = "oom";

    private static final RpcHandler RUNS_OUT = (request, context) -> {
        if (request instanceof EchoDaemon.Echo echo && OOM.equals(echo.value())) {
            throw new OutOfMemoryError("Java heap space (thrown by the test's handler)");
        }
        return EchoDaemon.HANDLER.handle(request, context);
    };

    static final DaemonSpec SECOND = new DaemonSpec("echo-aleph", "edeposit-echo-alephd",
            "Second echo daemon of the test suite.", "aleph", () -> EchoDaemon.REQUESTS, environment -> RUNS_OUT, EchoSuite.class,
            WorkKind.SHORT).withMaxRequestBytes(1 << 20); // short work with small requests: another default prefetch

    public static final SuiteSpec SPEC = new SuiteSpec("echo-suite", "edeposit-echo-suited",
            "Suite of the test sources.", EchoSuite.class, List.of(EchoDaemon.SPEC, SECOND));

    private EchoSuite() {
    }

    public static void main(String[] args) {
        System.exit(DaemonCli.run(SPEC, args));
    }
}
