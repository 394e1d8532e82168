package cz.edeposit.amqp.daemon;

import com.rabbitmq.client.Connection;
import cz.edeposit.amqp.codec.NtCodec;
import cz.edeposit.amqp.rpc.BrokerConnection;
import cz.edeposit.amqp.rpc.RpcDaemon;
import cz.edeposit.amqp.rpc.RpcHandler;
import cz.edeposit.amqp.rpc.RpcOptions;
import cz.edeposit.amqp.settings.AmqpSettings;
import cz.edeposit.amqp.settings.HostSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Runs the daemon in this JVM until SIGTERM or SIGINT: the foreground mode, and what the background
 * child runs. The PID file is written only once the daemon consumes, which is how a background
 * {@code start} knows it is ready.
 */
final class ForegroundRunner {

    private static final Logger log = LoggerFactory.getLogger(ForegroundRunner.class);

    private final DaemonCommand command;

    ForegroundRunner(DaemonCommand command) {
        this.command = command;
    }

    int run() throws Exception {
        DaemonSpec spec = command.spec();
        AmqpSettings amqp = command.loadSettings();
        HostSettings host = amqp.host(spec.host());
        PidFile pidFile = command.pidFile();
        if (pidFile.exists()) {
            log.warn("Removing stale PID file {} (its process is gone or is not {})", pidFile.path(), spec.command());
            pidFile.delete();
        }
        RpcHandler handler = spec.handlers().create(
                new DaemonEnvironment(command.locator(), command.env(), amqp, command.workers));
        RpcOptions options = new RpcOptions(host, new NtCodec(spec.requests()), handler,
                command.workers, command.prefetch, command.drainTimeout());
        Connection connection = BrokerConnection.open(amqp, host.vhost(), connectionName(spec));
        try {
            RpcDaemon daemon = RpcDaemon.start(connection, options);
            long pid = ProcessHandle.current().pid();
            pidFile.write(pid);
            onSignals(daemon);
            log.info("{} started (pid {}, PID file {})", spec.command(), pid, pidFile.path());
            String failure = daemon.termination().join();
            pidFile.deleteIfOwnedBy(pid);
            if (failure != null) {
                log.error("{} stops because {}", spec.command(), failure);
                return ExitCodes.FAILURE;
            }
            log.info("{} stopped", spec.command());
            return ExitCodes.OK;
        } finally {
            // abort() never throws, also when the broker has already dropped the connection.
            connection.abort(5_000);
        }
    }

    /** SIGTERM and SIGINT both drain and exit 0, in either mode (the original's foreground did not). */
    private static void onSignals(RpcDaemon daemon) {
        sun.misc.SignalHandler stop = signal -> {
            log.info("Received SIG{}; finishing the requests in hand", signal.getName());
            Thread closer = new Thread(daemon::close, "edeposit-shutdown");
            closer.start();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
    }

    private static String connectionName(DaemonSpec spec) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            hostname = "localhost";
        }
        return spec.command() + "@" + hostname + " pid " + ProcessHandle.current().pid();
    }
}
