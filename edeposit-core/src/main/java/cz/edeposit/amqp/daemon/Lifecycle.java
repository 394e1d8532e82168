package cz.edeposit.amqp.daemon;

import cz.edeposit.amqp.rpc.ServiceState;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The four actions, with the original's texts and its defects D2 and D3 (docs/wire-protocol.md) fixed. */
final class Lifecycle {

    static final String ALREADY_RUNNING = "It looks like a daemon is already running!";
    static final String NOTHING_TO_STOP = "There is no running instance to be stopped.";

    private final DaemonCommand command;

    Lifecycle(DaemonCommand command) {
        this.command = command;
    }

    int start() throws Exception {
        PidFile pidFile = command.pidFile();
        if (pidFile.liveOwner().isPresent()) {
            command.out().println(ALREADY_RUNNING);
            command.out().flush();
            return ExitCodes.FAILURE;
        }
        return command.foreground ? new ForegroundRunner(command).run() : new BackgroundLauncher(command).launch();
    }

    int stop() throws InterruptedException {
        PidFile pidFile = command.pidFile();
        Optional<ProcessHandle> owner = pidFile.liveOwner();
        if (owner.isEmpty()) {
            pidFile.delete();
            command.out().println(NOTHING_TO_STOP);
            command.out().flush();
            return ExitCodes.OK;
        }
        ProcessHandle process = owner.get();
        process.destroy();
        try {
            process.onExit().get(command.stopSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            command.err().printf("%s (pid %d) did not exit within %d s; it may still be finishing a request "
                    + "(raise --stop-timeout, or kill it with: kill -9 %d)%n",
                    command.spec().command(), process.pid(), command.stopSeconds, process.pid());
            return ExitCodes.FAILURE;
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit() never completes exceptionally; the process is gone either way.
        }
        pidFile.deleteIfOwnedBy(process.pid());
        return ExitCodes.OK;
    }

    int restart() throws Exception {
        if (command.pidFile().liveOwner().isPresent()) {
            int stopped = stop();
            if (stopped != ExitCodes.OK) {
                return stopped;
            }
        }
        return start();
    }

    int status() {
        Optional<ProcessHandle> owner = command.pidFile().liveOwner();
        if (owner.isPresent()) {
            long pid = owner.get().pid();
            String doing = command.stateFile().read().filter(entry -> entry.pid() == pid)
                    .map(entry -> describe(entry.state())).orElse("");
            command.out().printf("%s is running (pid %d)%s%n", command.spec().command(), pid, doing);
            command.out().flush();
            return ExitCodes.OK;
        }
        command.out().printf("%s is not running%n", command.spec().command());
        command.out().flush();
        return ExitCodes.NOT_RUNNING;
    }

    private static String describe(ServiceState state) {
        return switch (state.phase()) {
            case SERVING -> "";
            case CONNECTING -> ", connecting to RabbitMQ";
            case WAITING, RECONNECTING -> ", waiting for RabbitMQ: " + state.detail();
            case STOPPING -> ", stopping";
        };
    }
}
